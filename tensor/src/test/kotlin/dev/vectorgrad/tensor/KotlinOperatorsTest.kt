package dev.vectorgrad.tensor

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** Proves the Java method names map to Kotlin operators and compute the right values. */
class KotlinOperatorsTest {
    private val a = NdArray.of(floatArrayOf(1f, 2f, 3f, 4f, 5f, 6f), 2, 3)
    private val b = NdArray.of(floatArrayOf(10f, 20f, 30f), 3)

    @Test
    fun `arithmetic operators broadcast`() {
        assertArrayEquals(floatArrayOf(11f, 22f, 33f, 14f, 25f, 36f), (a + b).toFloatArray())
        assertArrayEquals(floatArrayOf(-9f, -18f, -27f, -6f, -15f, -24f), (a - b).toFloatArray())
        assertArrayEquals(floatArrayOf(10f, 40f, 90f, 40f, 100f, 180f), (a * b).toFloatArray())
        assertArrayEquals(floatArrayOf(0.1f, 0.1f, 0.1f, 0.4f, 0.25f, 0.2f), (a / b).toFloatArray(), 1e-7f)
        assertArrayEquals(floatArrayOf(1f, 0f, 1f, 0f, 1f, 0f), (a % 2f).toFloatArray())
    }

    @Test
    fun `scalar operands and unary minus`() {
        assertArrayEquals(floatArrayOf(2f, 4f, 6f, 8f, 10f, 12f), (a * 2f).toFloatArray())
        assertArrayEquals(floatArrayOf(3f, 4f, 5f, 6f, 7f, 8f), (a + 2).toFloatArray())
        assertArrayEquals(floatArrayOf(-1f, -2f, -3f, -4f, -5f, -6f), (-a).toFloatArray())
        val c = (a + b) * 2f - a / 2f
        assertEquals(22f - 0.5f, c[0, 0].item().toFloat())
    }

    @Test
    fun `indexing reads and writes elements`() {
        assertEquals(2.0, a[0, 1].item())
        assertArrayEquals(floatArrayOf(4f, 5f, 6f), a[1].toFloatArray())
        val z = NdArray.zeros(2, 2)
        z[0, 1] = 5f
        assertArrayEquals(floatArrayOf(0f, 5f, 0f, 0f), z.toFloatArray())
    }

    @Test
    fun `matmul is a named call, not times`() {
        val product = a.matmul(a.t())
        assertArrayEquals(floatArrayOf(14f, 32f, 32f, 77f), product.toFloatArray())
    }
}
