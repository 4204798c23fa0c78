package dev.vectorgrad.tensor.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.spi.Backend;
import dev.vectorgrad.tensor.spi.BackendProvider;
import dev.vectorgrad.tensor.spi.Backends;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The provider is found by the ServiceLoader next to the scalar one, outranks it, opens a simd
 * backend here (the tests run with the Vector API module), and is the default CPU backend unless
 * {@code -Dvectorgrad.backend} names another. Its own class must not mention Vector API types, so
 * that loading it on a JVM without the module cannot fail.
 */
class SimdBackendProviderTest {
  @Test
  void isRegisteredBesideTheScalarProviderAndOutranksIt() {
    List<String> names = new ArrayList<>();
    int simdPriority = Integer.MIN_VALUE;
    int scalarPriority = Integer.MIN_VALUE;
    for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
      names.add(provider.name());
      if (provider.name().equals("simd")) {
        simdPriority = provider.priority();
        assertTrue(provider.isCpu());
      } else if (provider.name().equals("scalar")) {
        scalarPriority = provider.priority();
      }
    }
    assertTrue(names.contains("simd") && names.contains("scalar"), "providers: " + names);
    assertTrue(simdPriority > scalarPriority);
  }

  @Test
  void opensASimdBackend() {
    List<Backend> backends = new SimdBackendProvider().open();
    assertEquals(1, backends.size());
    assertEquals("simd", backends.get(0).name());
  }

  @Test
  void isTheDefaultCpuBackendUnlessAnotherIsNamed() {
    String wanted = System.getProperty(Backends.PROPERTY, "");
    assertEquals(wanted.isEmpty() ? "simd" : wanted, Backends.cpu().name());
  }

  @Test
  void providerClassNamesNoVectorApiType() {
    Class<?> provider = SimdBackendProvider.class;
    for (Field field : provider.getDeclaredFields()) {
      assertFalse(field.getType().getName().startsWith("jdk.incubator.vector"), field.toString());
    }
    for (Method method : provider.getDeclaredMethods()) {
      assertFalse(method.toGenericString().contains("jdk.incubator.vector"), method.toString());
    }
  }
}
