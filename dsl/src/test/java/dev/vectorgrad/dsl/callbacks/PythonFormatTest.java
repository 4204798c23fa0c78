package dev.vectorgrad.dsl.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vectorgrad.tensor.VectorgradException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are what CPython 3 prints for the same values. */
class PythonFormatTest {
  @Test
  void reprMatchesPython() {
    assertEquals("0.1", PythonFormat.repr(0.1));
    assertEquals("1.0", PythonFormat.repr(1.0));
    assertEquals("-2.5", PythonFormat.repr(-2.5));
    assertEquals("123.456", PythonFormat.repr(123.456));
    assertEquals("0.3333333333333333", PythonFormat.repr(1.0 / 3));
    assertEquals("0.0001", PythonFormat.repr(1e-4));
    assertEquals("1e-05", PythonFormat.repr(1e-5));
    assertEquals("1.5e-07", PythonFormat.repr(1.5e-7));
    assertEquals("1000000000000000.0", PythonFormat.repr(1e15));
    assertEquals("1e+16", PythonFormat.repr(1e16));
    assertEquals("1.5e+300", PythonFormat.repr(1.5e300));
    assertEquals("12345678.0", PythonFormat.repr(12345678.0));
    assertEquals("0.0", PythonFormat.repr(0.0));
    assertEquals("-0.0", PythonFormat.repr(-0.0));
    assertEquals("nan", PythonFormat.repr(Double.NaN));
    assertEquals("inf", PythonFormat.repr(Double.POSITIVE_INFINITY));
    assertEquals("-inf", PythonFormat.repr(Double.NEGATIVE_INFINITY));
  }

  @Test
  void formatFillsFieldsAsStrFormat() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("epoch", 3);
    values.put("val_loss", 0.123456);
    assertEquals("w.03-0.12.st", PythonFormat.format("w.{epoch:02d}-{val_loss:.2f}.st", values));
    assertEquals("3 0.123456 {x}", PythonFormat.format("{epoch} {val_loss} {{x}}", values));
    assertEquals("  3|3.0|1.235e-01", PythonFormat.format("{epoch:3d}|{epoch:.1f}|{val_loss:.3e}", values));
  }

  @Test
  void formatRejectsWhatItCannotDo() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("epoch", 3);
    values.put("loss", 0.5);
    assertEquals("'{acc}': no value for {acc}; known: [epoch, loss]",
        assertThrows(VectorgradException.class, () -> PythonFormat.format("{acc}", values)).getMessage());
    assertThrows(VectorgradException.class, () -> PythonFormat.format("{loss:02d}", values));
    assertThrows(VectorgradException.class, () -> PythonFormat.format("{epoch:>5}", values));
    assertThrows(VectorgradException.class, () -> PythonFormat.format("{epoch", values));
    assertThrows(VectorgradException.class, () -> PythonFormat.format("epoch}", values));
  }
}
