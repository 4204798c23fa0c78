package dev.vectorgrad.dsl;

import java.util.List;

/** What {@link Model#compile} fixed: the optimizer's spec, the loss and the metrics (resolved copies). */
record Compiled(Optimizers.Spec optimizer, Loss loss, List<Metric> metrics) {}
