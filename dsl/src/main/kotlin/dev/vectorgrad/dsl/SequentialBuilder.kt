package dev.vectorgrad.dsl

/** Keeps the builder's functions from leaking into nested lambdas. */
@DslMarker
annotation class VectorgradDsl

/**
 * Builds a [Sequential] model the Kotlin way:
 * ```
 * val model = sequential {
 *     input(784); dense(128, "relu"); dropout(0.2); dense(10, "softmax")
 * }
 * ```
 * Each function adds the Keras layer of the same name with Keras' defaults; [add] takes any layer.
 */
fun sequential(block: SequentialScope.() -> Unit): Sequential = SequentialScope().apply(block).build()

/** The receiver of [sequential]: one function per layer type. */
@VectorgradDsl
class SequentialScope internal constructor() {
    private var input: Input? = null
    private val layers = mutableListOf<Layer>()

    /** The per-sample input shape; optional, but first when given (otherwise the first batch decides). */
    fun input(vararg shape: Int) {
        require(input == null && layers.isEmpty()) { "sequential: input(...) must come first, and once" }
        input = Input.of(*shape)
    }

    fun add(layer: Layer) {
        layers += layer
    }

    fun dense(units: Int, activation: String = "linear") = add(Dense.of(units, activation))

    fun dense(units: Int, activation: ActivationFunction) = add(Dense.of(units).activation(activation))

    fun conv2d(filters: Int, kernel: Int, activation: String = "linear", padding: String = "valid", strides: Int = 1) =
        add(Conv2D.of(filters, kernel, activation).padding(padding).strides(strides))

    fun conv1d(filters: Int, kernel: Int, activation: String = "linear", padding: String = "valid", strides: Int = 1) =
        add(Conv1D.of(filters, kernel, activation).padding(padding).strides(strides))

    fun maxPooling2d(poolSize: Int = 2) = add(MaxPooling2D.of(poolSize))

    fun averagePooling2d(poolSize: Int = 2) = add(AveragePooling2D.of(poolSize))

    fun globalAveragePooling2d() = add(GlobalAveragePooling2D.of())

    fun flatten() = add(Flatten.of())

    fun reshape(vararg targetShape: Int) = add(Reshape.of(*targetShape))

    fun dropout(rate: Double) = add(Dropout.of(rate))

    fun batchNormalization() = add(BatchNormalization.of())

    fun layerNormalization() = add(LayerNormalization.of())

    fun activation(name: String) = add(Activation.of(name))

    fun embedding(inputDim: Int, outputDim: Int) = add(Embedding.of(inputDim, outputDim))

    internal fun build(): Sequential {
        val stack = layers.toTypedArray()
        return input?.let { Sequential.of(it, *stack) } ?: Sequential.of(*stack)
    }
}
