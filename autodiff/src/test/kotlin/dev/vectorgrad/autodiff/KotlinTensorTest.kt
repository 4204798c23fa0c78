package dev.vectorgrad.autodiff

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** The API sketch's Kotlin lines on Tensor: operators compile, compute, and differentiate. */
class KotlinTensorTest {
    @Test
    fun `operators build a differentiable expression`() {
        val a = Tensor.of(floatArrayOf(1f, 2f, 3f, 4f, 5f, 6f), 2, 3).requiresGrad(true)
        val b = Tensor.ones(2, 3)
        val c = (a + b) * 2f - a / 3f           // d/da = 2 - 1/3
        val x = -c
        assertEquals(-(2f * 2f - 1f / 3f), x[0, 0].item().toFloat(), 1e-6f)
        x.sum().backward()
        assertArrayEquals(FloatArray(6) { -(2f - 1f / 3f) }, a.grad()!!.toFloatArray(), 1e-6f)
    }

    @Test
    fun `indexed assignment writes in place`() {
        val c = Tensor.zeros(2, 2)
        c[0, 1] = 5f
        assertArrayEquals(floatArrayOf(0f, 5f, 0f, 0f), c.toFloatArray())
        assertEquals(1, c.version())
    }
}
