// Throughput of vollt's ADQL parser (adql-java, ADQL 2.0) over a query file, for bench/adql/parse.bench.ts.
// Input: one Base64-encoded UTF-8 query per line. Output (stdout, one line each):
//   accepted <comma-separated indices of the queries vollt parses>
//   qps <queries per second of wall-clock time> cpuqps <queries per second of this thread's CPU time>
// (CPU time makes the comparison fair on a machine shared with other work.)
// Usage: java -cp adql.jar:out VolltBench <file> <warmupMillis> <measureMillis>
import adql.parser.ADQLParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

public class VolltBench {
  public static void main(String[] args) throws Exception {
    List<String> all = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      if (!line.isEmpty()) all.add(new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8));
    }
    long warmup = Long.parseLong(args[1]);
    long measure = Long.parseLong(args[2]);
    ADQLParser parser = new ADQLParser();
    List<String> accepted = new ArrayList<>();
    StringBuilder indices = new StringBuilder();
    for (int i = 0; i < all.size(); i++) {
      try {
        parser.parseQuery(all.get(i));
        accepted.add(all.get(i));
        if (indices.length() > 0) indices.append(',');
        indices.append(i);
      } catch (Throwable e) {
        // not accepted by vollt (ADQL 2.0 or invalid): excluded from the comparison
      }
    }
    System.out.println("accepted " + indices);
    if (accepted.isEmpty()) {
      System.out.println("qps 0");
      return;
    }
    long sink = 0;
    long end = System.nanoTime() + warmup * 1_000_000L;
    while (System.nanoTime() < end) {
      for (String q : accepted) sink += parser.parseQuery(q).hashCode() & 1;
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long count = 0;
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    end = start + measure * 1_000_000L;
    long now;
    do {
      for (String q : accepted) sink += parser.parseQuery(q).hashCode() & 1;
      count += accepted.size();
      now = System.nanoTime();
    } while (now < end);
    double seconds = (now - start) / 1e9;
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    System.out.println("qps " + (count / seconds) + " cpuqps " + (count / cpuSeconds) + " sink " + sink);
  }
}
