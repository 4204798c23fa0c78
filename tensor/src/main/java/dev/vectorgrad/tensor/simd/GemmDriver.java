package dev.vectorgrad.tensor.simd;

import dev.vectorgrad.tensor.spi.Parallel;
import jdk.incubator.vector.FloatVector;
import org.jspecify.annotations.Nullable;

/**
 * The cache-blocked loop nest of a batched product {@code C[b] = A[b] · B[b]} ({@code [M, K] x [K,
 * N] -> [M, N]} per batch), shared by {@link SgemmKernel} and {@link DgemmKernel}, which own the
 * arrays and the register-blocked micro-kernel.
 *
 * <p>The blocking follows Goto and BLIS. B is packed once (in parallel, or panel by panel inside a
 * product of one tile: {@link #panelwiseB}) into column panels of {@code nr} columns, A by each
 * task into row panels of {@code mr} rows, both k-major and
 * zero-padded past the edge (see {@link GemmPacking}), so the micro-kernel walks both with unit
 * stride whatever the operands' strides were. The output is cut into tiles of whole row panels;
 * each tile is one {@link Parallel} task:
 *
 * <pre>
 * pack the tile's rows of A, all of k        read from A once per tile
 * for each block of NC columns               its C block (MC x NC) stays in L2 across passes
 *   for pc in 0, KC, 2 KC, ... &lt; K            one pass over k
 *     for each column panel j of the block   its KC x nr panel of B stays in L1
 *       for each row panel i of the tile     streams KC x mr of A from L2
 *         C[i, j] += A[i, pc..] · B[pc.., j]   the micro-kernel, mr x nr accumulators
 * </pre>
 *
 * <p>The block sizes were measured, not derived: with the 14 x 32 F32 kernel on this machine
 * (48 KiB L1, 2 MiB L2 per core) MC from 56 to 560 rows, NC from 256 to 2048, KC from 256 to 1024
 * and the order of the two inner loops all landed within the run-to-run noise (about 5 %) of each
 * other at n = 256 to 2048. What did matter: keeping the C block in L2 across passes (a tile
 * walking all columns per pass was about 10 % slower at n = 2048), packing with vector copies and
 * gathers (scalar loops cost 10 % at n = 1024 and a third of the time at n = 64), and a constant B
 * stride in the kernel. The kernel does about 175 GFLOP/s with its operands in L1 and 130 to 150
 * in a whole product: the rest is B streaming in from L3 or memory once per tile.
 *
 * <p>Determinism: tile bounds depend only on the shape, and the micro-kernel loads C into its
 * accumulators and continues one fused multiply-add chain per element over k in increasing order.
 * So every output element is the same chain {@code fma(a[i][K-1], b[K-1][j], ... fma(a[i][0],
 * b[0][j], 0))} for any tile, pass, edge path or thread count: results are bit-identical for 1, 2
 * or 16 threads.
 */
abstract class GemmDriver {
  /** Depth of one pass over k: a KC x 32 panel of B is 32 KiB of floats, two thirds of L1. */
  static final int KC = 256;

  /** Rows of a tile before it is cut for load balance. */
  static final int MC = 140;

  /** Columns per block of a tile: an MC x NC block of C (280 KiB) stays in the 2 MiB L2. */
  static final int NC = 512;

  /**
   * Below about this many flops a task costs more to hand to another thread than to run: at 2^21,
   * n = 128 (2^22 flops) on two threads was cut into two tiles and ran at 74-91 GFLOP/s against
   * 115-129 whole. Since pool helpers and the caller spin instead of parking between regions
   * ({@link Parallel}), 2^22 pays where 2^23 was needed before: a batch-32 MLP step on two
   * threads, whose [32, 784] x [784, 256] product now splits in three, went from 0.43-0.44 to
   * 0.37-0.39 ms.
   */
  static final long TASK_FLOPS = 1L << 22;

  /** Tiles are cut further until a group of batches has this many, for load balance. */
  static final int WANTED_TASKS = 8;

  /** Packed elements of B per group of batches; more batches than fit are processed in groups. */
  static final long GROUP_ELEMENTS = 1L << 23;

  /** Tiles are not cut below this many panels a side for load balance; columns only once rows can't. */
  static final int MIN_TILE_PANELS = 2;

  /**
   * A tile's packed rows of A (tile rows x K) are cut to at most this many bytes, a quarter of L2,
   * so that they stay there beside the C block and the B panel: at n = 2048 a 1.1 MiB block was
   * about 10 % slower than a 512 KiB one.
   */
  static final int BLOCK_BYTES = 1 << 19;

  /** Panels packed by one packing task. */
  private static final int PACK_PANELS = 4;

  /**
   * Elements of room past the end of every packing buffer, a vector's worth: a masked store that
   * ends past an array (the last step of an edge panel) takes the Vector API's lane-by-lane bounds
   * check, which was 5 % of a batch-128 MLP training step in profiles; with room it never does.
   */
  private static final int ROOM = FloatVector.SPECIES_PREFERRED.length();

  /** Packing buffers up to this many elements are kept for the next product on the same thread. */
  private static final int RETAINED = 1 << 22;

  /**
   * The running thread's packing buffers, F32 then F64 (see {@link #PACKED_B}, {@link #PACKED_A}),
   * kept between products so that a model's repeated products do not allocate. A product takes a
   * buffer out while it uses it, so a product started on the same thread meanwhile (a pool thread
   * helping with another task) allocates its own instead of overwriting it. Pool threads drop theirs
   * when the pool retires them.
   */
  private static final ThreadLocal<Object[]> HELD = ThreadLocal.withInitial(() -> new Object[4]);

  final int mr;
  final int nr;
  final int batches;
  final int m;
  final int n;
  final int k;
  final Gemm.Operand a;
  final Gemm.Operand b;
  final int outOffset;
  /** One packed copy of B serves every batch: a single batch or a batch stride of 0. */
  final boolean sharedB;
  /**
   * One packed copy of A, all its rows, serves every batch and tile: a broadcast A, as a
   * convolution's weight times each image's columns. Packed by every tile task, the weight was
   * repacked once per image and row tile, a third of a convolution's forward time.
   */
  private final boolean sharedA;
  /**
   * Depth of a pass: k in equal passes of at most {@link #KC}. Cut from the front, k = 784 (a
   * flattened MNIST image) left a last pass of 16, whose loads and stores of C cost nearly what its
   * multiplications did.
   */
  private final int depth;
  final int rowPanels;
  final int columnPanels;
  /** Elements of packed B per batch. */
  final int packedBSize;
  final int groupBatches;
  /** Elements of a task's block of packed A: the tile's rows by all of k. */
  final int blockSize;
  /** Tiles a batch's rows and columns are cut into; they share the panels out evenly ({@link #firstPanel}). */
  private final int rowTiles;
  private final int columnTiles;
  /**
   * Whether B is packed one {@code depth x nr} panel at a time inside the tile, just before the
   * kernels that read it, instead of whole before the tiles: when the whole product is one tile (so
   * each panel is still packed once) and B is too large to stay in L2 beside the rest. The panel is
   * then in L1 when the kernels read it and the packed copy is 32 KiB instead of all of B: packed
   * whole, the copy of an 800 KiB weight had partly left L2 again before it was read, and {@code
   * [128, 784] x [784, 256]} on one thread took 0.46-0.48 against 0.40 ms panel by panel. A B that
   * stays in L2 gains nothing and pays for the smaller packing steps: n = 128 5 % slower.
   */
  final boolean panelwiseB;

  GemmDriver(int mr, int nr, int elementBytes, int batches, int m, int n, int k, Gemm.Operand a, Gemm.Operand b,
      int outOffset) {
    this.mr = mr;
    this.nr = nr;
    this.batches = batches;
    this.m = m;
    this.n = n;
    this.k = k;
    this.a = a;
    this.b = b;
    this.outOffset = outOffset;
    sharedB = batches == 1 || b.batchStride() == 0;
    depth = ceilDiv(k, ceilDiv(k, KC));
    rowPanels = ceilDiv(m, mr);
    columnPanels = ceilDiv(n, nr);
    packedBSize = Math.multiplyExact(columnPanels * nr, k);
    groupBatches = sharedB
        ? batches
        : (int) Math.max(1, Math.min(batches, GROUP_ELEMENTS / packedBSize));

    // Tiles: whole rows of C (each task then packs its rows of A once), cut further only until
    // there are enough tasks; rows before columns, since a column cut packs the same rows twice.
    // Not at all when the tasks would run on this thread anyway (a product inside a convolution's
    // chunk task): a cut there only lost the shared packing of A (sharedA), 10 % of the chunk.
    long flops = 2L * m * n * k * groupBatches;
    int wanted = Parallel.runsInline() ? 1 : (int) Math.max(1, Math.min(WANTED_TASKS, flops / TASK_FLOPS));
    int rows = ceilDiv(m, MC);
    while (ceilDiv(rowPanels, rows) > 1 && (long) ceilDiv(rowPanels, rows) * mr * k * elementBytes > BLOCK_BYTES) {
      rows++;
    }
    int columns = 1;
    while ((long) groupBatches * rows * columns < wanted) {
      int rowsPerTile = ceilDiv(rowPanels, rows);
      int columnsPerTile = ceilDiv(columnPanels, columns);
      if (rowsPerTile > MIN_TILE_PANELS) {
        rows++;
      } else if (columnsPerTile > MIN_TILE_PANELS) {
        columns++;
      } else {
        break;
      }
    }
    rowTiles = rows;
    columnTiles = columns;
    sharedA = batches > 1 && a.batchStride() == 0;
    panelwiseB = batches == 1 && rowTiles * columnTiles == 1 && (long) packedBSize * elementBytes > BLOCK_BYTES;
    int tallestTilePanels = ceilDiv(rowPanels, rows);
    blockSize = (sharedA ? rowPanels : tallestTilePanels) * mr * k;
  }

  /** Elements of the packed B buffer: one panel of one pass, or all panels of a group of batches. */
  final int packedBLength() {
    return panelwiseB ? depth * nr : (sharedB ? 1 : groupBatches) * packedBSize;
  }

  /**
   * Packs the column panel of B from column {@code col}, steps {@code [pc, pc + kc)} of k, of batch
   * {@code batch} to the start of the packed B buffer.
   */
  abstract void packBPanel(int batch, int col, int pc, int kc);

  /** Packs {@code panels} column panels of B of batch {@code batch}, from {@code panel} on, into slot {@code slot}. */
  abstract void packB(int slot, int batch, int panel, int panels);

  /** A buffer for a block of packed A, taken from the running thread's workspace. */
  abstract Object takeBlock();

  abstract void giveBlock(Object block);

  /** Packs rows {@code [row0, row1)} of A of batch {@code batch} into {@code block}. */
  abstract void packA(Object block, int batch, int row0, int row1);

  /**
   * {@code C[mr x nr] at co (row stride ldc) += A · B} over {@code kc} steps, A packed in {@code
   * block} at {@code ao}, B in packed B at {@code bo}.
   */
  abstract void kernel(Object block, int ao, int bo, int kc, int co, int ldc);

  /** {@link #kernel} for an edge tile: only {@code rows x cols} of C exist. */
  abstract void edge(Object block, int ao, int bo, int kc, int co, int ldc, int rows, int cols);

  /** Returns the packing buffers to this thread's workspace. */
  abstract void release();

  /** Computes every batch: per group, pack B (in parallel), then multiply the tiles (in parallel). */
  final void run() {
    try {
      runGroups();
    } finally {
      release();
    }
  }

  private void runGroups() {
    Object packedA = sharedA ? takeBlock() : null;
    if (packedA != null) {
      packA(packedA, 0, 0, m);
    }
    int tilesPerBatch = rowTiles * columnTiles;
    int chunksPerBatch = ceilDiv(columnPanels, PACK_PANELS);
    for (int first = 0; first < batches; first += groupBatches) {
      int start = first;
      int count = Math.min(groupBatches, batches - first);
      int bChunks = sharedB ? (first == 0 ? chunksPerBatch : 0) : count * chunksPerBatch;
      int tasks = count * tilesPerBatch;
      if (tasks == 1) { // small: no hand-off to the pool
        if (bChunks > 0 && !panelwiseB) {
          packB(0, start, 0, columnPanels);
        }
        tile(start, 0, 0, packedA);
        continue;
      }
      Parallel.forRange(bChunks, chunk -> {
        int slot = chunk / chunksPerBatch;
        int from = chunk % chunksPerBatch * PACK_PANELS;
        packB(slot, start + slot, from, Math.min(PACK_PANELS, columnPanels - from));
      });
      Parallel.forRange(tasks, t -> tile(start, t / tilesPerBatch, t % tilesPerBatch, packedA));
    }
    if (packedA != null) {
      giveBlock(packedA);
    }
  }

  /**
   * Multiplies one output tile of batch {@code first + slot}, walking all of k in passes; A comes
   * packed in {@code packedA} (all rows) or is packed here.
   */
  private void tile(int first, int slot, int tile, @Nullable Object packedA) {
    int batch = first + slot;
    int bBase = sharedB ? 0 : slot * packedBSize;
    int rowTile = tile / columnTiles;
    int columnTile = tile % columnTiles;
    int row0 = firstPanel(rowPanels, rowTiles, rowTile) * mr;
    int row1 = Math.min(m, firstPanel(rowPanels, rowTiles, rowTile + 1) * mr);
    int col0 = firstPanel(columnPanels, columnTiles, columnTile) * nr;
    int col1 = Math.min(n, firstPanel(columnPanels, columnTiles, columnTile + 1) * nr);
    int cBase = outOffset + batch * m * n;
    Object block = packedA != null ? packedA : takeBlock();
    try {
      if (packedA == null) {
        packA(block, batch, row0, row1);
      }
      for (int jc = col0; jc < col1; jc += NC) {
        int jEnd = Math.min(col1, jc + NC);
        for (int pc = 0; pc < k; pc += depth) {
          int kc = Math.min(depth, k - pc);
          for (int j = jc; j < jEnd; j += nr) {
            int bo = panelwiseB ? 0 : bBase + j * k + pc * nr;
            if (panelwiseB) {
              packBPanel(batch, j, pc, kc);
            }
            int cols = Math.min(nr, n - j);
            for (int i = row0; i < row1; i += mr) {
              int ao = (packedA != null ? i : i - row0) * k + pc * mr; // a shared block holds all rows
              int rows = Math.min(mr, m - i);
              int co = cBase + i * n + j;
              if (rows == mr && cols == nr) {
                kernel(block, ao, bo, kc, co, n);
              } else {
                edge(block, ao, bo, kc, co, n, rows, cols);
              }
            }
          }
        }
      }
    } finally {
      if (packedA == null) {
        giveBlock(block);
      }
    }
  }

  /** Slots of {@link #HELD}: packed B of the calling thread, the block of A of a tile task. */
  static final int PACKED_B = 0;
  static final int PACKED_A = 1;

  static float[] takeFloats(int slot, int size) {
    Object[] held = HELD.get();
    float[] buffer = (float[]) held[slot];
    held[slot] = null;
    return buffer != null && buffer.length >= size + ROOM ? buffer : new float[size + ROOM];
  }

  static double[] takeDoubles(int slot, int size) {
    Object[] held = HELD.get();
    double[] buffer = (double[]) held[2 + slot];
    held[2 + slot] = null;
    return buffer != null && buffer.length >= size + ROOM ? buffer : new double[size + ROOM];
  }

  /** Returns a buffer taken on this thread, keeping it unless it is larger than {@link #RETAINED}. */
  static void giveFloats(int slot, float[] buffer) {
    Object[] held = HELD.get();
    if (buffer.length <= RETAINED && held[slot] == null) {
      held[slot] = buffer;
    }
  }

  static void giveDoubles(int slot, double[] buffer) {
    Object[] held = HELD.get();
    if (buffer.length <= RETAINED && held[2 + slot] == null) {
      held[2 + slot] = buffer;
    }
  }

  /**
   * The first of {@code panels} panels that belongs to tile {@code tile} of {@code tiles} when they
   * are shared out evenly (tiles differ by at most one panel). Tiles of the rounded-up size with
   * the remainder in a short last one had left a thread idle at the end: n = 1024 on two threads
   * was ten tiles, nine of eight row panels and one of two, so one thread ran five full tiles
   * while the other ran four and the short one.
   */
  private static int firstPanel(int panels, int tiles, int tile) {
    return (int) ((long) panels * tile / tiles);
  }

  static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }
}
