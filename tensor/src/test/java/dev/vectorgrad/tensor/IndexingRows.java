package dev.vectorgrad.tensor;

import static dev.vectorgrad.tensor.OpInput.indices;
import static dev.vectorgrad.tensor.OpInput.of;

import dev.vectorgrad.tensor.OpRow.Observed;
import dev.vectorgrad.tensor.OpRow.Tolerance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Rows of matmul, of joining and splitting, and of the index-driven ops. */
final class IndexingRows {
  private IndexingRows() {}

  /** Every {@code torch.matmul} form: vector and matrix operands, batches that broadcast, size 0. */
  private static final List<List<OpInput>> MATMUL_SAMPLES = List.of(
      List.of(of(3), of(3)),
      List.of(of(3), of(3, 4)),
      List.of(of(2, 3), of(3)),
      List.of(of(2, 3), of(3, 4)),
      List.of(of(1, 1), of(1, 1)),
      List.of(of(5, 2, 3), of(3, 4)),
      List.of(of(2, 3), of(5, 3, 4)),
      List.of(of(5, 1, 2, 3), of(4, 3, 2)),
      List.of(of(3), of(5, 3, 4)),
      List.of(of(5, 2, 3), of(3)),
      List.of(of(0, 3), of(3, 4)),
      List.of(of(2, 0), of(0, 4)),
      List.of(of(0, 2, 3), of(3, 4)),
      List.of(of(3, 2).t(), of(4, 3).t()),
      List.of(of(2, 3).expandTo(5, 2, 3), of(5, 3, 8).step(2)),
      // Batch dimensions whose strides do not merge into one: the product must copy first.
      List.of(of(3, 2, 4, 5).permute(1, 0, 2, 3), of(5, 2)),
      List.of(of(7, 9), of(9, 6)));

  /** A row whose op returns several arrays, compared one by one. */
  private static OpRow parts(String name, Function<NdArray, List<NdArray>> op,
      Function<Reference, List<Reference>> reference) {
    return OpRow.observing(name, in -> {
          List<Observed> out = new ArrayList<>();
          for (NdArray part : op.apply(in.get(0))) {
            out.add(Observed.of(part));
          }
          return out;
        }, in -> reference.apply(in.get(0)))
        .tolerance(Tolerance.EXACT);
  }

  static List<OpRow> rows() {
    return List.of(
        OpRow.of("matmul", in -> in.get(0).matmul(in.get(1)),
                in -> Reference.matmul(in.get(0), in.get(1)))
            .samples(MATMUL_SAMPLES)
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("matmul, F32 x F64 -> F64", in -> in.get(0).matmul(in.get(1)),
                in -> Reference.matmul(in.get(0), in.get(1)))
            .samples(List.of(List.of(of(2, 3).as(DType.F32), of(3, 4).as(DType.F64))))
            .dtypes(DType.F64)
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("cat(0)", in -> NdArray.cat(in, 0), in -> Reference.cat(in, 0))
            .samples(List.of(
                List.of(of(2, 3), of(4, 3)),
                List.of(of(2, 3), of(0, 3), of(1, 3)),
                List.of(of(5)),
                List.of(of(3, 2).t(), of(2, 7).step(1), of(1, 3).expandTo(2, 3))))
            .tolerance(Tolerance.EXACT),
        OpRow.of("cat(-1)", in -> NdArray.cat(in, -1), in -> Reference.cat(in, -1))
            .samples(List.of(
                List.of(of(2, 3, 1), of(2, 3, 4), of(2, 3, 0)),
                List.of(of(4, 3, 2).permute(2, 1, 0), of(2, 3, 1).expandTo(2, 3, 5))))
            .tolerance(Tolerance.EXACT),
        OpRow.of("cat(0), I64 and floating -> floating", in -> NdArray.cat(in, 0),
                in -> Reference.cat(in, 0))
            .samples(List.of(List.of(of(2, 3).as(DType.I64), of(1, 3))))
            .tolerance(Tolerance.EXACT),
        OpRow.of("stack(0)", in -> NdArray.stack(in, 0), in -> Reference.stack(in, 0))
            .samples(List.of(
                List.of(of(2, 3), of(2, 3), of(3, 2).t()),
                List.of(of(), of()),
                List.of(of(0, 2))))
            .tolerance(Tolerance.EXACT),
        OpRow.of("stack(1)", in -> NdArray.stack(in, 1), in -> Reference.stack(in, 1))
            .samples(List.of(List.of(of(2, 3), of(2, 7).step(1))))
            .tolerance(Tolerance.EXACT),
        OpRow.of("stack(-1)", in -> NdArray.stack(in, -1), in -> Reference.stack(in, -1))
            .samples(List.of(List.of(of(4), of(4), of(1).expandTo(4))))
            .tolerance(Tolerance.EXACT),
        parts("split(2, 1)", x -> x.split(2, 1), r -> r.split(new int[] {2, 2, 1}, 1))
            .singles(of(3, 5), of(5, 3).t(), of(3, 11).step(1)),
        parts("split([1, 0, 3], 0)", x -> x.split(new int[] {1, 0, 3}, 0),
                r -> r.split(new int[] {1, 0, 3}, 0))
            .singles(of(4, 2), of(2, 4).t()),
        parts("split(2, 0) of size 0", x -> x.split(2, 0), r -> r.split(new int[] {0}, 0))
            .singles(of(0, 3)),
        parts("chunk(3, -1)", x -> x.chunk(3, -1), r -> r.split(new int[] {4, 4, 2}, -1))
            .singles(of(2, 10), of(10, 2).t()),
        parts("chunk(4, 0) of 6 makes 3", x -> x.chunk(4, 0), r -> r.split(new int[] {2, 2, 2}, 0))
            .singles(of(6)),
        OpRow.of("gather(1)", in -> in.get(0).gather(1, in.get(1)),
                in -> in.get(0).gather(1, in.get(1)))
            .samples(List.of(
                List.of(of(3, 4), indices(-4, 4, 3, 6)),
                List.of(of(3, 4), indices(0, 4, 2, 2)),
                List.of(of(4, 3).t(), indices(0, 4, 4, 3).t()),
                List.of(of(3, 4), indices(0, 4, 3, 0)),
                List.of(of(3, 1).expandTo(3, 4), indices(0, 4, 6, 3).t().step(0))))
            .tolerance(Tolerance.EXACT),
        OpRow.of("gather(0), I32 index", in -> in.get(0).gather(0, in.get(1)),
                in -> in.get(0).gather(0, in.get(1)))
            .samples(List.of(List.of(of(2, 3, 4), indices(0, 2, 5, 3, 4).as(DType.I32))))
            .tolerance(Tolerance.EXACT),
        OpRow.of("scatterAdd(0)", in -> in.get(0).scatterAdd(0, in.get(1), in.get(2)),
                in -> in.get(0).scatterAdd(0, in.get(1), in.get(2)))
            .samples(List.of(
                List.of(of(3, 4), indices(0, 3, 5, 4), of(5, 4)),
                List.of(of(3, 4), indices(-3, 3, 2, 3), of(4, 5)),
                List.of(of(4, 3).t(), indices(0, 3, 6, 4), of(4, 6).t()),
                List.of(of(3, 4), indices(0, 3, 0, 4), of(0, 4))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("scatterAdd(-1)", in -> in.get(0).scatterAdd(-1, in.get(1), in.get(2)),
                in -> in.get(0).scatterAdd(-1, in.get(1), in.get(2)))
            .samples(List.of(List.of(of(2, 3, 2), indices(0, 2, 2, 3, 7), of(1).expandTo(2, 3, 7))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("scatterAdd(-1), I32 index", in -> in.get(0).scatterAdd(-1, in.get(1), in.get(2)),
                in -> in.get(0).scatterAdd(-1, in.get(1), in.get(2)))
            .samples(List.of(List.of(of(3, 4), indices(-4, 4, 3, 9).as(DType.I32), of(3, 9))))
            .tolerance(Tolerance.ACCUMULATING),
        // The gradient of gather: indices repeat, and src may be longer than the index.
        OpRow.of("scatterAddToZeros(1)",
                in -> NdArray.scatterAddToZeros(Shape.of(3, 4), 1, in.get(0), in.get(1)),
                in -> new Reference(new double[12], 3, 4).scatterAdd(1, in.get(0), in.get(1)))
            .samples(List.of(
                List.of(indices(-4, 4, 3, 6), of(3, 6)),
                List.of(indices(0, 4, 2, 3), of(3, 5)),
                List.of(indices(0, 4, 6, 3).t(), of(3, 6))))
            .tolerance(Tolerance.ACCUMULATING),
        OpRow.of("indexSelect(0)", in -> in.get(0).indexSelect(0, in.get(1)),
                in -> in.get(0).indexSelect(0, in.get(1)))
            .samples(List.of(
                List.of(of(4, 3), indices(-4, 4, 6)),
                List.of(of(4, 3), indices(0, 4, 0)),
                List.of(of(3, 4).t(), indices(0, 4)),
                List.of(of(4, 3), indices(0, 4, 5).step(0).as(DType.I32))))
            .tolerance(Tolerance.EXACT),
        OpRow.of("indexSelect(-1)", in -> in.get(0).indexSelect(-1, in.get(1)),
                in -> in.get(0).indexSelect(-1, in.get(1)))
            .samples(List.of(List.of(of(2, 3, 5), indices(0, 5, 7)),
                List.of(of(2, 1, 5).expandTo(2, 3, 5), indices(0, 5, 2))))
            .tolerance(Tolerance.EXACT),
        OpRow.of("oneHot(4)", in -> in.get(0).oneHot(4), in -> in.get(0).oneHot(4))
            .singles(indices(0, 4, 6), indices(0, 4), indices(0, 4, 2, 3),
                indices(0, 4, 0), indices(0, 4, 3, 2).t(), indices(0, 4, 5).as(DType.I32))
            .dtypes(DType.I64)
            .resultType(t -> DType.I64)
            .tolerance(Tolerance.EXACT));
  }
}
