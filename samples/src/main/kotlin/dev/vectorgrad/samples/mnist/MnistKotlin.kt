package dev.vectorgrad.samples.mnist

import dev.vectorgrad.autodiff.Grad
import dev.vectorgrad.autodiff.Tensor
import dev.vectorgrad.layers.Conv2d
import dev.vectorgrad.layers.Dropout
import dev.vectorgrad.layers.F.crossEntropy
import dev.vectorgrad.layers.F.maxPool2d
import dev.vectorgrad.layers.F.relu
import dev.vectorgrad.layers.Linear
import dev.vectorgrad.layers.Module
import dev.vectorgrad.layers.data.DataLoader
import dev.vectorgrad.layers.data.Mnist
import dev.vectorgrad.layers.optim.Adam
import dev.vectorgrad.layers.optim.StepLR
import dev.vectorgrad.tensor.DType
import java.nio.file.Path

/** The PyTorch MNIST example in Kotlin: `./run mnist-kotlin [epochs]`. No wrapper library needed. */
class KotlinNet : Module() {
    private val conv1 = register("conv1", Conv2d(1, 32, 3))
    private val conv2 = register("conv2", Conv2d(32, 64, 3))
    private val dropout1 = register("dropout1", Dropout(0.25))
    private val dropout2 = register("dropout2", Dropout(0.5))
    private val fc1 = register("fc1", Linear(9216, 128))
    private val fc2 = register("fc2", Linear(128, 10))

    override fun forward(input: Tensor): Tensor {
        var x = relu(conv1(input))
        x = maxPool2d(relu(conv2(x)), 2)
        x = relu(fc1(dropout1(x).flatten(1)))
        return fc2(dropout2(x))
    }
}

object MnistKotlin {
    @JvmStatic
    fun main(args: Array<String>) {
        val epochs = args.firstOrNull()?.toInt() ?: 1
        val data = Path.of("data/mnist")
        Tensor.manualSeed(1)
        val train = DataLoader(Mnist.train(data), 64, true).seed(1)
        val test = Mnist.test(data)
        val model = KotlinNet()
        val optimizer = Adam(model.parameters(), 1e-3)
        val scheduler = StepLR(optimizer, 1, 0.7)
        for (epoch in 1..epochs) {
            model.train()
            for ((index, batch) in train.withIndex()) {
                optimizer.zeroGrad()
                val loss = crossEntropy(model(batch.x()), batch.y())
                loss.backward()
                optimizer.step()
                if (index % 100 == 0) println("epoch $epoch batch $index loss ${"%.4f".format(loss.item())}")
            }
            model.eval()
            var correct = 0L
            Grad.disabled().use {
                for (batch in DataLoader(test, 1000, false)) {
                    val predicted = model(batch.x()).argmax(1, false)
                    correct += predicted.eq(batch.y()).cast(DType.I64).sum().itemLong()
                }
            }
            println("epoch $epoch test accuracy ${"%.2f".format(100.0 * correct / test.size())}%")
            scheduler.step()
        }
    }
}
