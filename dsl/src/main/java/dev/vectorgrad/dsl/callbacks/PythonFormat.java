package dev.vectorgrad.dsl.callbacks;

import dev.vectorgrad.tensor.VectorgradException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bits of Python's string formatting that Keras' files show, so ours read the same: {@code
 * repr(float)} (CSV logs) and {@code str.format} with {@code {name}} and {@code {name:spec}} fields
 * (checkpoint file names such as {@code weights.{epoch:02d}-{val_loss:.2f}.safetensors}).
 */
final class PythonFormat {
  /** The specs supported: zero padding, width, precision, and type {@code d}, {@code f} or {@code e}. */
  private static final Pattern SPEC = Pattern.compile("(0?\\d*)(\\.\\d+)?([dfe])");

  private PythonFormat() {}

  /**
   * Python's {@code repr} of a float: the shortest digits that read back to the same double, in
   * fixed notation from 1e-4 up to 1e16 and scientific ({@code 1e-05}, {@code 1.5e+16}) outside.
   */
  static String repr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
    String digits = exact.unscaledValue().toString();
    // The value is 0.<digits> x 10^point.
    int point = digits.length() - exact.scale();
    String sign = value < 0 ? "-" : "";
    if (point <= -4 || point > 16) {
      int exponent = point - 1;
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
    if (point <= 0) {
      return sign + "0." + zeros(-point) + digits;
    }
    if (point >= digits.length()) {
      return sign + digits + zeros(point - digits.length()) + ".0";
    }
    return sign + digits.substring(0, point) + "." + digits.substring(point);
  }

  /**
   * Python's {@code template.format(**values)} for {@code Integer} and {@code Double} values;
   * {@code {{} and {@code }}} stand for braces.
   *
   * @throws VectorgradException for a name not in {@code values}, an unsupported spec or unbalanced braces
   */
  static String format(String template, Map<String, ?> values) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
        out.append(c);
        i += 2;
      } else if (c == '{') {
        int end = template.indexOf('}', i);
        if (end < 0) {
          throw new VectorgradException("'" + template + "': '{' at " + i + " is never closed");
        }
        out.append(field(template, template.substring(i + 1, end), values));
        i = end + 1;
      } else if (c == '}') {
        throw new VectorgradException("'" + template + "': single '}' at " + i);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String field(String template, String field, Map<String, ?> values) {
    int colon = field.indexOf(':');
    String name = colon < 0 ? field : field.substring(0, colon);
    Object value = values.get(name);
    if (value == null) {
      throw new VectorgradException("'" + template + "': no value for {" + name + "}; known: " + values.keySet());
    }
    if (colon < 0) {
      return value instanceof Double ? repr((Double) value) : value.toString();
    }
    String spec = field.substring(colon + 1);
    Matcher m = SPEC.matcher(spec);
    boolean integral = value instanceof Integer;
    if (!m.matches() || (m.group(3).equals("d") && (!integral || m.group(2) != null))) {
      throw new VectorgradException("'" + template + "': format spec '" + spec + "' for {" + name + "} = " + value
          + " is not supported (use d for integers, f or e for both, with optional 0, width and .precision)");
    }
    double number = ((Number) value).doubleValue();
    if (!integral && (Double.isNaN(number) || Double.isInfinite(number))) {
      return repr(number);
    }
    return String.format(Locale.ROOT, "%" + spec, integral && !m.group(3).equals("d") ? number : value);
  }

  private static String zeros(int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      out.append('0');
    }
    return out.toString();
  }
}
