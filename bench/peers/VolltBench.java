// vollt's ADQL parser (adql-java, ADQL 2.0) for bench/adql/parse.bench.ts, speaking the protocol of
// bench/adql/parse-child.mjs:
//   java -cp adql.jar:out VolltBench <file> <warmupMillis> <measureMillis> set|each
// Input: one Base64-encoded UTF-8 query per line. Output lines:
//   accepted <indices of the queries vollt parses>
//   result <label> <parses> <wall seconds> <process CPU seconds> <GC pause seconds> <parsing thread CPU seconds>
// Process CPU (all threads: JIT compilers and GC included) is what the Node and Python peers report
// too; the parsing thread's CPU alone, which leaves out the JVM's background work, is given beside it. Parsing runs in a thread with a 1 GB stack: vollt's recursive descent overflows the default
// stack on the generated 1 MB expression, and the benchmark compares speed, not stack use.
import adql.parser.ADQLParser;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

public class VolltBench {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static long sink = 0;

  public static void main(String[] args) throws Exception {
    Throwable[] failure = new Throwable[1];
    Thread worker =
        new Thread(
            null,
            () -> {
              try {
                run(args);
              } catch (Throwable e) {
                failure[0] = e;
              }
            },
            "vollt-bench",
            1L << 30);
    worker.start();
    worker.join();
    if (failure[0] != null) throw new RuntimeException(failure[0]);
  }

  private static void run(String[] args) throws Exception {
    List<String> all = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      if (!line.isEmpty()) all.add(new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8));
    }
    long warmup = Long.parseLong(args[1]);
    long measure = Long.parseLong(args[2]);
    boolean each = args.length > 3 && args[3].equals("each");
    ADQLParser parser = new ADQLParser();
    List<String> accepted = new ArrayList<>();
    boolean[] parses = new boolean[all.size()];
    StringBuilder indices = new StringBuilder();
    for (int i = 0; i < all.size(); i++) {
      try {
        parser.parseQuery(all.get(i));
        accepted.add(all.get(i));
        parses[i] = true;
        if (indices.length() > 0) indices.append(',');
        indices.append(i);
      } catch (Throwable e) {
        // not accepted by vollt (ADQL 2.0 or invalid): excluded from the comparison
      }
    }
    System.out.println("accepted " + indices);
    if (each) {
      for (int i = 0; i < all.size(); i++) {
        if (parses[i]) measure(parser, String.valueOf(i), List.of(all.get(i)), warmup, measure);
      }
    } else if (!accepted.isEmpty()) {
      measure(parser, "set", accepted, warmup, measure);
    }
    if (sink < 0) System.out.println(sink);
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) total += Math.max(0, gc.getCollectionTime());
    return total;
  }

  private static void measure(ADQLParser parser, String label, List<String> queries, long warmup, long measure) throws Exception {
    long end = System.nanoTime() + warmup * 1_000_000L;
    do {
      for (String q : queries) sink += parser.parseQuery(q).hashCode() & 1;
    } while (System.nanoTime() < end);
    long gc0 = gcMillis();
    long count = 0;
    long cpuStart = OS.getProcessCpuTime();
    long threadStart = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    end = start + measure * 1_000_000L;
    long now;
    do {
      for (String q : queries) sink += parser.parseQuery(q).hashCode() & 1;
      count += queries.size();
      now = System.nanoTime();
    } while (now < end);
    double cpu = (OS.getProcessCpuTime() - cpuStart) / 1e9;
    double thread = (THREADS.getCurrentThreadCpuTime() - threadStart) / 1e9;
    double gc = (gcMillis() - gc0) / 1e3;
    System.out.println("result " + label + " " + count + " " + (now - start) / 1e9 + " " + cpu + " " + gc + " " + thread);
  }
}
