package dev.vectorgrad.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.NdArray;
import dev.vectorgrad.tensor.spi.BackendProvider;
import dev.vectorgrad.tensor.spi.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery: the provider is found, opens every device, and explains itself when it cannot. */
class OpenClBackendProviderTest {
  @Test
  void foundByServiceLoaderAsAnAccelerator() {
    List<BackendProvider> providers =
        ServiceLoader.load(BackendProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p instanceof OpenClBackendProvider)
            .collect(Collectors.toList());
    assertEquals(1, providers.size());
    assertEquals("opencl", providers.get(0).name());
    assertFalse(providers.get(0).isCpu());
  }

  @Test
  void everyDeviceFollowsTheCpuInIndexOrder() {
    Device first = OpenClTesting.requireDevice();
    List<Device> devices = Backends.devices();
    assertEquals(Device.CPU, devices.get(0));
    assertEquals(first, devices.get(1));
    for (int i = 1; i < devices.size(); i++) {
      assertEquals(Device.opencl(i - 1), devices.get(i));
    }
    assertEquals(first, Device.best());
  }

  /**
   * In a JVM whose ICD loader sees no vendor files ({@code OCL_ICD_VENDORS} names an empty folder),
   * the library still loads, the CPU still works, and the registry says why OpenCL is missing.
   */
  @Test
  void withoutPlatformsTheRegistryRecordsWhy(@TempDir Path emptyVendors)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java, "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
            "-cp", System.getProperty("java.class.path"),
            ReportAvailability.class.getName());
    builder.environment().put("OCL_ICD_VENDORS", emptyVendors.toString());
    builder.redirectErrorStream(true);
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, child.exitValue(), output);
    assertTrue(output.contains("sum: tensor([2., 2., 2.])"), output);
    assertTrue(output.contains("devices: [cpu]"), output);
    assertTrue(output.contains("opencl: "), output);
    assertFalse(output.contains("simd: "), output); // only OpenCL is missing in the child
    if (Backends.devices().size() > 1) { // the ICD loader works here, so only the platforms are missing
      assertTrue(output.contains("no OpenCL platform is installed"), output);
    }
  }

  /** Run in the child JVM: computes on the CPU and prints what the registry found. */
  static final class ReportAvailability {
    public static void main(String[] args) {
      System.out.println("sum: " + NdArray.ones(3).plus(1));
      System.out.println("devices: " + Backends.devices());
      System.out.println("problems: " + Backends.unavailableReasons());
    }
  }
}
