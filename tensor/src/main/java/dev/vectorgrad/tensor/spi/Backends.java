package dev.vectorgrad.tensor.spi;

import dev.vectorgrad.tensor.Device;
import dev.vectorgrad.tensor.DeviceMismatchException;
import dev.vectorgrad.tensor.VectorgradException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registry of backends, built once on first use. The CPU backend is the one named by {@code
 * -Dvectorgrad.backend=NAME}, else the available CPU provider with the highest priority; every
 * non-CPU provider contributes its devices. A provider that fails to open is remembered with the
 * reason, never rethrown: the library loads without accelerators.
 */
public final class Backends {
  /** System property naming the CPU backend, e.g. {@code scalar}. */
  public static final String PROPERTY = "vectorgrad.backend";

  private static final class Registry {
    static final Registry INSTANCE = new Registry();

    final Map<Device, Backend> byDevice = new LinkedHashMap<>();
    final List<String> unavailable = new ArrayList<>();

    private Registry() {
      List<BackendProvider> providers = new ArrayList<>();
      for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
        providers.add(p);
      }
      providers.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
      String wanted = System.getProperty(PROPERTY, "");
      Backend cpu = null;
      for (BackendProvider provider : providers) {
        if (provider.isCpu() && (cpu != null || !(wanted.isEmpty() || wanted.equals(provider.name())))) {
          continue;
        }
        try {
          for (Backend backend : provider.open()) {
            if (provider.isCpu()) {
              cpu = backend;
            } else {
              byDevice.put(backend.device(), backend);
            }
          }
        } catch (Throwable t) { // a missing native library surfaces as an Error; report, don't fail
          Throwable cause = t.getCause();
          unavailable.add(provider.name() + ": " + t + (cause == null ? "" : " (caused by " + cause + ")"));
        }
      }
      if (cpu == null) {
        throw new VectorgradException(
            "no CPU backend" + (wanted.isEmpty() ? "" : " named '" + wanted + "'")
                + " is available; problems: " + unavailable);
      }
      Map<Device, Backend> ordered = new LinkedHashMap<>();
      ordered.put(Device.CPU, cpu);
      ordered.putAll(byDevice);
      byDevice.clear();
      byDevice.putAll(ordered);
    }
  }

  private Backends() {}

  /** The backend computing on the host. */
  public static Backend cpu() {
    return Registry.INSTANCE.byDevice.get(Device.CPU);
  }

  /** The backend owning {@code device}. */
  public static Backend forDevice(Device device) {
    Backend backend = Registry.INSTANCE.byDevice.get(device);
    if (backend == null) {
      throw new DeviceMismatchException(
          "device " + device + " is not available; available: " + devices()
              + (unavailableReasons().isEmpty() ? "" : "; problems: " + unavailableReasons()));
    }
    return backend;
  }

  /** Every available device, CPU first. */
  public static List<Device> devices() {
    return Collections.unmodifiableList(new ArrayList<>(Registry.INSTANCE.byDevice.keySet()));
  }

  /** Why providers that were found could not open, one line each. */
  public static List<String> unavailableReasons() {
    return Collections.unmodifiableList(Registry.INSTANCE.unavailable);
  }
}
