package dev.vectorgrad.dsl

import dev.vectorgrad.autodiff.Tensor
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test

/** The Kotlin builder makes the same model as the Java factories, and trains from Kotlin. */
class SequentialBuilderTest {
    @Test
    fun builderMatchesTheJavaFactories() {
        Tensor.manualSeed(5)
        val built = sequential {
            input(784); dense(128, "relu"); dropout(0.2); dense(10, ActivationFunction.SOFTMAX)
        }
        Tensor.manualSeed(5)
        val java = Sequential.of(Input.of(784), Dense.of(128, "relu"), Dropout.of(0.2), Dense.of(10, "softmax"))
        assertEquals(java.summary(), built.summary())
        val x = Tensor.rand(3, 784)
        assertArrayEquals(java.predict(x).toFloatArray(), built.predict(x).toFloatArray())
    }

    @Test
    fun convolutionalStackTrainsFromKotlin() {
        Tensor.manualSeed(1)
        val model = sequential {
            input(8, 8, 1); conv2d(4, 3, "relu"); maxPooling2d(2); flatten(); dense(3, "softmax")
        }
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy")
        val x = Tensor.rand(12, 8, 8, 1)
        val y = Tensor.randint(0, 3, dev.vectorgrad.tensor.Shape.of(12))
        val history = model.fit(x, y, Fit.epochs(2).batchSize(4).verbose(Fit.Verbose.SILENT))
        assertEquals(listOf(0, 1), history.epochs())
        assertEquals(listOf(12, 3), model.predict(x).shape().toArray().toList())
    }

    @Test
    fun inputMustComeFirst() {
        assertThrows(IllegalArgumentException::class.java) { sequential { dense(3); input(4) } }
    }
}
