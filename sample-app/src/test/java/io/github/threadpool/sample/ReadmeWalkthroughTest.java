package io.github.threadpool.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walk-through of the top-level README's section "The sample application", run as a test: every
 * {@code $ curl …} command shown there is sent, in README order, to one sample application started
 * here as the README starts it (operator password {@code changeit}), and what the app answers is
 * compared with the output the README shows under the command. The test fails, naming the command
 * and the difference, when the README and the application drift apart. It runs on the JVM and once
 * more on the AOT-processed application (the {@code aot-test} execution of the POM).
 *
 * <p><b>Which blocks.</b> The {@code console} blocks of the section up to its first subsection
 * ({@code ###}). Of those, the block that starts the application ({@code
 * SPRING_SECURITY_USER_PASSWORD=changeit ./mvnw … spring-boot:run}) is not run: this test starts
 * the application itself, with the same password (checked against the README). Every other block
 * must consist of {@code curl} commands to {@code localhost:8080}. Not covered: the subsections
 * "Dashboard and alerts" (needs a Prometheus and Grafana, and shows no output of the sample), "A
 * cluster of two" (two application processes forming a Hazelcast cluster; the demo profile shown
 * there is a run of its own with random results, covered by {@code DemoProfileTest}) and "Several
 * instances following one configuration" (a Config Server and two instances; {@code cloud-it} tests
 * that).
 *
 * <p><b>Commands.</b> {@code curl} is not run (a machine may not have it): its options used in the
 * README ({@code -i}, {@code -s}, {@code -X}, {@code -H}, {@code -d}, {@code -u}, the URL, quoting
 * and {@code \} continuations) are parsed and the same request is sent with {@link HttpClient}; a
 * trailing {@code | grep 'prefix'} or {@code | grep -E 'regex'} filters the body's lines. Any other
 * option or command fails the test, so nothing in the walk-through goes unchecked silently.
 *
 * <p><b>Matching rules</b> (strict everywhere else: a changed number, name or text fails):
 *
 * <ol>
 *   <li>With {@code -i}: the status line ({@code HTTP/1.1 202}) must match; each header shown must
 *       be in the answer with the value shown; headers not shown (curl prints more) are not
 *       compared. A blank line separates the headers from the body, as curl prints it.
 *   <li>A body shown as JSON is compared as JSON, members in the order shown. {@code …} in an
 *       object stands for further members, not compared; without it the object must have exactly
 *       the members shown. {@code …} as the last element of an array stands for further elements.
 *   <li>Values that differ from run to run: a UUID in the README matches any UUID, but the same
 *       README UUID must stand for the same real UUID throughout (so the batch id answered by the
 *       POST is the one used in the following GET's URL); an ISO-8601 instant (such as {@code
 *       "created"} or {@code "timestamp"}) matches any instant. Both apply inside strings and
 *       header values; a README UUID in a URL is replaced by the real one it stands for.
 *   <li>Prometheus lines (a {@code grep} after the command): the lines shown must be exactly the
 *       lines the answer has for that pattern, in order, names, tags and values; only the values of
 *       the timers' {@code _seconds_max} and {@code _seconds_sum} series (durations, which vary)
 *       are not compared, but must be numbers.
 *   <li>A {@code GET} whose shown answer says {@code "status":"COMPLETED"} is repeated until the
 *       batch is completed (as a reader does), then compared.
 * </ol>
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.security.user.password=" + ReadmeWalkthroughTest.PASSWORD)
@DirtiesContext
@Timeout(180)
class ReadmeWalkthroughTest {

  static final String PASSWORD = "changeit";

  private static final Path README = Path.of("..", "README.md");
  private static final String SECTION = "## The sample application";
  private static final String README_HOST = "localhost:8080";
  private static final String ELLIPSIS = "\u2026";
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  private static final String INSTANT =
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z";
  private static final Pattern VARYING = Pattern.compile("(" + UUID + ")|(" + INSTANT + ")");
  private static final Pattern START_COMMAND =
      Pattern.compile("SPRING_SECURITY_USER_PASSWORD=(\\S+) \\./mvnw .*spring-boot:run");
  private static final JsonMapper JSON = JsonMapper.shared();

  @LocalServerPort int port;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** README UUID to the real UUID it stands for, bound where it first appears in an answer. */
  private final Map<String, String> uuids = new HashMap<>();

  @Test
  void everyCommandOfTheWalkthroughShouldAnswerWhatTheReadmeShows() throws Exception {
    List<Command> commands = walkthrough(Files.readString(README, UTF_8));
    assertThat(commands)
        .as("curl commands found in the README's section \"%s\"", SECTION)
        .hasSizeGreaterThanOrEqualTo(15);
    for (Command command : commands) {
      check(command);
    }
  }

  // ---------------------------------------------------------------- the README's blocks

  /** A shell command of the README (continuations joined) and the output shown under it. */
  record Command(int line, String text, List<String> output) {}

  /** The commands of the covered console blocks, in README order. */
  private static List<Command> walkthrough(String readme) {
    List<String> lines = readme.lines().toList();
    int start = lines.indexOf(SECTION);
    assertThat(start).as("the README has a section \"%s\"", SECTION).isNotNegative();
    List<Command> commands = new ArrayList<>();
    boolean startCommandSeen = false;
    // Up to the next heading, of a section or a subsection (code blocks are skipped whole).
    for (int i = start + 1;
        i < lines.size() && !lines.get(i).startsWith("## ") && !lines.get(i).startsWith("### ");
        i++) {
      if (!lines.get(i).equals("```console")) {
        continue;
      }
      List<Command> block = new ArrayList<>();
      int end = i + 1;
      while (!lines.get(end).equals("```")) {
        end++;
      }
      parseBlock(lines, i + 1, end, block);
      i = end;
      Matcher password = START_COMMAND.matcher(block.isEmpty() ? "" : block.get(0).text());
      if (block.size() == 1 && password.matches()) {
        assertThat(password.group(1))
            .as("the password of the README's start command (line %d)", block.get(0).line())
            .isEqualTo(PASSWORD);
        startCommandSeen = true;
        continue;
      }
      commands.addAll(block);
    }
    assertThat(startCommandSeen)
        .as("the README's section \"%s\" shows how to start the sample", SECTION)
        .isTrue();
    return commands;
  }

  private static void parseBlock(List<String> lines, int from, int to, List<Command> into) {
    int i = from;
    while (i < to) {
      String line = lines.get(i);
      if (line.isBlank()) {
        i++;
        continue;
      }
      if (!line.startsWith("$ ")) {
        throw new AssertionError(
            "README.md line " + (i + 1) + ": output without a command before it: " + line);
      }
      int commandLine = i + 1;
      StringBuilder text = new StringBuilder(line.substring(2));
      while (text.toString().endsWith("\\")) {
        text.setLength(text.length() - 1);
        text = new StringBuilder(text.toString().stripTrailing());
        text.append(' ').append(lines.get(++i).strip());
      }
      i++;
      List<String> output = new ArrayList<>();
      while (i < to && !lines.get(i).startsWith("$ ")) {
        output.add(lines.get(i));
        i++;
      }
      while (!output.isEmpty() && output.get(output.size() - 1).isBlank()) {
        output.remove(output.size() - 1);
      }
      into.add(new Command(commandLine, text.toString().strip(), output));
    }
  }

  // ---------------------------------------------------------------- curl, without curl

  /** What a README curl command asks for. */
  private record Curl(
      String method,
      String url,
      List<String[]> headers,
      @Nullable String data,
      boolean include,
      @Nullable Pattern grep) {}

  private static Curl parseCurl(Command command) {
    List<List<String>> pipeline = shellWords(command.text());
    List<String> words = pipeline.get(0);
    if (words.isEmpty() || !words.get(0).equals("curl")) {
      throw unsupported(command, "only curl commands can be run");
    }
    String method = null;
    String url = null;
    String data = null;
    boolean include = false;
    List<String[]> headers = new ArrayList<>();
    for (Iterator<String> it = words.listIterator(1); it.hasNext(); ) {
      String word = it.next();
      switch (word) {
        case "-i" -> include = true;
        case "-s" -> {} // no progress meter: HttpClient has none
        case "-X" -> method = next(it, command, word);
        case "-d" -> data = next(it, command, word);
        case "-H" -> {
          String header = next(it, command, word);
          int colon = header.indexOf(':');
          if (colon < 1) {
            throw unsupported(command, "header without a name: " + header);
          }
          headers.add(
              new String[] {
                header.substring(0, colon).strip(), header.substring(colon + 1).strip()
              });
        }
        case "-u" ->
            headers.add(
                new String[] {
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder().encodeToString(next(it, command, word).getBytes(UTF_8))
                });
        default -> {
          if (word.startsWith("-") || url != null) {
            throw unsupported(command, "curl argument " + word);
          }
          url = word;
        }
      }
    }
    if (url == null) {
      throw unsupported(command, "no URL");
    }
    if (data != null && headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("Content-Type"))) {
      headers.add(new String[] {"Content-Type", "application/x-www-form-urlencoded"}); // as curl
    }
    Pattern grep = null;
    if (pipeline.size() == 2) {
      grep = grepPattern(command, pipeline.get(1));
    } else if (pipeline.size() > 2) {
      throw unsupported(command, "more than one pipe");
    }
    return new Curl(
        method != null ? method : data != null ? "POST" : "GET", url, headers, data, include, grep);
  }

  private static Pattern grepPattern(Command command, List<String> grep) {
    if (grep.size() == 3 && grep.get(0).equals("grep") && grep.get(1).equals("-E")) {
      // The README's extended expressions (^, |, groups) read the same as a Java regex.
      return Pattern.compile(grep.get(2));
    }
    if (grep.size() == 2 && grep.get(0).equals("grep") && grep.get(1).matches("\\^?\\w+")) {
      String prefix = grep.get(1); // a basic expression of word characters, anchored or not
      return prefix.startsWith("^")
          ? Pattern.compile("^" + Pattern.quote(prefix.substring(1)))
          : Pattern.compile(Pattern.quote(prefix));
    }
    throw unsupported(command, "pipe to " + String.join(" ", grep));
  }

  private static String next(Iterator<String> it, Command command, String option) {
    if (!it.hasNext()) {
      throw unsupported(command, option + " without its value");
    }
    return it.next();
  }

  private static AssertionError unsupported(Command command, String what) {
    return new AssertionError(
        "README.md line "
            + command.line()
            + ": the walk-through test cannot run this ("
            + what
            + "):\n  $ "
            + command.text());
  }

  /** Splits a command line as a POSIX shell does for the quoting the README uses; by pipe. */
  private static List<List<String>> shellWords(String line) {
    List<List<String>> pipeline = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int close = line.indexOf('\'', i + 1);
        word = (word == null ? new StringBuilder() : word).append(line, i + 1, close);
        i = close;
      } else if (c == '"') {
        word = word == null ? new StringBuilder() : word;
        for (i++; line.charAt(i) != '"'; i++) {
          if (line.charAt(i) == '\\' && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
            i++;
          }
          word.append(line.charAt(i));
        }
      } else if (c == '\\') {
        word = (word == null ? new StringBuilder() : word).append(line.charAt(++i));
      } else if (c == ' ' || c == '|') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        if (c == '|') {
          pipeline.add(words);
          words = new ArrayList<>();
        }
      } else {
        word = (word == null ? new StringBuilder() : word).append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    pipeline.add(words);
    return pipeline;
  }

  // ---------------------------------------------------------------- run and compare

  private void check(Command command) throws IOException, InterruptedException {
    Curl curl = parseCurl(command);
    String url = curl.url().startsWith("http") ? curl.url() : "http://" + curl.url();
    if (!url.startsWith("http://" + README_HOST + "/")) {
      throw unsupported(command, "a URL not on " + README_HOST);
    }
    url =
        "http://localhost:"
            + port
            + substituteUuids(command, url.substring(7 + README_HOST.length()));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .method(
                curl.method(),
                curl.data() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(curl.data(), UTF_8));
    for (String[] header : curl.headers()) {
      builder.header(header[0], header[1]);
    }
    HttpRequest request = builder.build();

    Shown shown = Shown.of(command, curl.include());
    HttpResponse<String> response;
    if (curl.method().equals("GET") && shown.body().contains("\"status\":\"COMPLETED\"")) {
      response =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> send(request), r -> r.body().contains("\"status\":\"COMPLETED\""));
    } else {
      response = send(request);
    }

    Diff diff =
        new Diff(command, response, curl.grep() != null ? grepped(response, curl.grep()) : null);
    if (curl.include()) {
      diff.check(
          shown.statusLine().equals("HTTP/1.1 " + response.statusCode()),
          "status line: the README shows '"
              + shown.statusLine()
              + "', the app answered HTTP/1.1 "
              + response.statusCode());
      for (String[] header : shown.headers()) {
        Optional<String> value = response.headers().firstValue(header[0]);
        diff.check(value.isPresent(), "header " + header[0] + ": missing in the answer");
        diff.check(
            value.isEmpty() || matches(header[1], value.get()),
            "header "
                + header[0]
                + ": the README shows '"
                + header[1]
                + "', the app answered '"
                + value.orElse("")
                + "'"
                + uuidNote(header[1]));
      }
    }
    if (curl.grep() != null) {
      comparePrometheus(diff, shown.bodyLines(), grepped(response, curl.grep()));
    } else if (shown.body().startsWith("{") || shown.body().startsWith("[")) {
      JsonNode actual;
      try {
        actual = JSON.readTree(response.body());
      } catch (RuntimeException e) {
        throw diff.failure(
            "the README shows JSON, the app's answer is not JSON: " + e.getMessage());
      }
      compareJson(diff, "$", JSON.readTree(withEllipsisMarkers(shown.body())), actual);
    } else {
      diff.check(
          shown.body().equals(response.body().strip()),
          "body: the README shows '" + shown.body() + "'");
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  private static List<String> grepped(HttpResponse<String> response, Pattern grep) {
    return response.body().lines().filter(line -> grep.matcher(line).find()).toList();
  }

  /** The output shown under a command: status line and headers (with -i), then the body. */
  private record Shown(String statusLine, List<String[]> headers, List<String> bodyLines) {

    String body() {
      return String.join("\n", bodyLines).strip();
    }

    static Shown of(Command command, boolean include) {
      List<String> output = command.output();
      if (!include) {
        return new Shown("", List.of(), output);
      }
      if (output.isEmpty() || !output.get(0).startsWith("HTTP/")) {
        throw unsupported(command, "-i, but the README shows no status line");
      }
      List<String[]> headers = new ArrayList<>();
      int i = 1;
      for (; i < output.size() && !output.get(i).isBlank(); i++) {
        String line = output.get(i);
        int colon = line.indexOf(':');
        if (colon < 1) {
          throw unsupported(
              command, "-i, and a line that is no header before the blank line: " + line);
        }
        headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).strip()});
      }
      return new Shown(
          output.get(0).strip(),
          headers,
          output.subList(Math.min(i + 1, output.size()), output.size()));
    }
  }

  /** Reports a difference between the README and the app, with the command and both outputs. */
  private static final class Diff {
    private final Command command;
    private final HttpResponse<String> response;
    private final @Nullable List<String> grepped;

    Diff(Command command, HttpResponse<String> response, @Nullable List<String> grepped) {
      this.command = command;
      this.response = response;
      this.grepped = grepped;
    }

    void check(boolean ok, String difference) {
      if (!ok) {
        throw failure(difference);
      }
    }

    AssertionError failure(String difference) {
      return new AssertionError(
          "README.md and the sample application disagree on the command at README.md line "
              + command.line()
              + ":\n  $ "
              + command.text()
              + "\ndifference: "
              + difference
              + "\nthe README shows:\n  "
              + String.join("\n  ", command.output())
              + "\nthe app answered:\n  HTTP/1.1 "
              + response.statusCode()
              + "\n  "
              + (grepped != null ? String.join("\n  ", grepped) : response.body()));
    }
  }

  /** Rule 4: the same lines, in order; durations' values need only be numbers. */
  private static void comparePrometheus(Diff diff, List<String> shown, List<String> actual) {
    diff.check(
        shown.size() == actual.size(),
        "the README shows " + shown.size() + " lines, the app answered " + actual.size());
    for (int i = 0; i < shown.size(); i++) {
      String expected = shown.get(i);
      String real = actual.get(i);
      int cut = expected.lastIndexOf(' ');
      String series = cut < 0 ? expected : expected.substring(0, cut);
      boolean duration = series.matches("[a-z_]+_seconds_(max|sum)\\{.*");
      boolean same =
          duration
              ? real.startsWith(series + " ")
                  && real.substring(series.length() + 1).matches("[0-9.E+-]+")
              : real.equals(expected);
      diff.check(
          same,
          "line "
              + (i + 1)
              + ": the README shows '"
              + expected
              + "', the app answered '"
              + real
              + "'");
    }
  }

  /** Rule 2: turns each {@code …} outside strings into a marker member or element. */
  private static String withEllipsisMarkers(String shown) {
    StringBuilder json = new StringBuilder();
    List<Character> open = new ArrayList<>();
    boolean inString = false;
    int markers = 0;
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (inString) {
        json.append(c);
        if (c == '\\') {
          json.append(shown.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> inString = true;
        case '{', '[' -> open.add(c);
        case '}', ']' -> open.remove(open.size() - 1);
        default -> {}
      }
      if (c == '\u2026') {
        boolean inObject = !open.isEmpty() && open.get(open.size() - 1) == '{';
        json.append(inObject ? "\"" + ELLIPSIS + ++markers + "\":null" : "\"" + ELLIPSIS + "\"");
      } else {
        json.append(c);
      }
    }
    return json.toString();
  }

  /** Rules 2 and 3. */
  private void compareJson(Diff diff, String path, JsonNode shown, JsonNode actual) {
    if (shown.isObject()) {
      diff.check(
          actual.isObject(), path + ": the README shows an object, the app answered " + actual);
      List<String> shownNames =
          shown.propertyNames().stream().filter(name -> !name.startsWith(ELLIPSIS)).toList();
      boolean more = shownNames.size() < shown.size();
      List<String> actualNames = List.copyOf(actual.propertyNames());
      for (String name : shownNames) {
        diff.check(
            actual.has(name),
            path
                + ": the README shows member \""
                + name
                + "\", the app's answer has none (it has "
                + actualNames
                + ")");
      }
      if (!more) {
        List<String> extra =
            actualNames.stream().filter(name -> !shownNames.contains(name)).toList();
        diff.check(
            extra.isEmpty(),
            path
                + ": the app's answer has members the README does not show"
                + " (and no … for them): "
                + extra);
      }
      List<String> actualOrder = actualNames.stream().filter(shownNames::contains).toList();
      diff.check(
          actualOrder.equals(shownNames),
          path
              + ": the README shows the members in the order "
              + shownNames
              + ", the app answered "
              + actualOrder);
      for (String name : shownNames) {
        compareJson(diff, path + "." + name, shown.get(name), actual.get(name));
      }
    } else if (shown.isArray()) {
      diff.check(
          actual.isArray(), path + ": the README shows an array, the app answered " + actual);
      int size = shown.size();
      boolean more = size > 0 && ELLIPSIS.equals(shown.get(size - 1).stringValue(""));
      int compared = more ? size - 1 : size;
      diff.check(
          more ? actual.size() >= compared : actual.size() == compared,
          path
              + ": the README shows "
              + compared
              + (more ? " or more" : "")
              + " elements, the app answered "
              + actual.size());
      for (int i = 0; i < compared; i++) {
        compareJson(diff, path + "[" + i + "]", shown.get(i), actual.get(i));
      }
    } else if (shown.isString()) {
      diff.check(
          actual.isString() && matches(shown.stringValue(), actual.stringValue()),
          path + ": the README shows " + shown + ", the app answered " + actual + uuidNote(shown));
    } else {
      boolean same =
          shown.equals(actual)
              || (shown.isNumber()
                  && actual.isNumber()
                  && shown.decimalValue().compareTo(actual.decimalValue()) == 0);
      diff.check(same, path + ": the README shows " + shown + ", the app answered " + actual);
    }
  }

  /** Explains rule 3 in a difference that involves a README UUID. */
  private String uuidNote(Object shown) {
    return Pattern.compile(UUID).matcher(shown.toString()).find()
        ? " (a README UUID matches any UUID, but the same real one throughout; so far "
            + uuids
            + ")"
        : "";
  }

  /** Rule 3: a README string against a real one; binds README UUIDs to real ones. */
  private boolean matches(String shown, String actual) {
    StringBuilder regex = new StringBuilder();
    List<String> shownUuids = new ArrayList<>();
    Matcher varying = VARYING.matcher(shown);
    int last = 0;
    while (varying.find()) {
      regex.append(Pattern.quote(shown.substring(last, varying.start())));
      if (varying.group(1) != null) {
        shownUuids.add(varying.group(1));
        regex.append('(').append(UUID).append(')');
      } else {
        regex.append(INSTANT);
      }
      last = varying.end();
    }
    regex.append(Pattern.quote(shown.substring(last)));
    Matcher real = Pattern.compile(regex.toString()).matcher(actual);
    if (!real.matches()) {
      return false;
    }
    for (int i = 0; i < shownUuids.size(); i++) {
      String readme = shownUuids.get(i);
      String bound = uuids.get(readme);
      String value = real.group(i + 1);
      if (bound == null) {
        if (uuids.containsValue(value)) {
          return false; // two README UUIDs for one real one
        }
        uuids.put(readme, value);
      } else if (!bound.equals(value)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Rule 3 in URLs: a README UUID stands for the real UUID it was bound to by an earlier answer.
   */
  private String substituteUuids(Command command, String path) {
    Matcher uuid = Pattern.compile(UUID).matcher(path);
    StringBuilder result = new StringBuilder();
    while (uuid.find()) {
      String real = uuids.get(uuid.group());
      if (real == null) {
        throw unsupported(
            command, "its URL has a UUID no earlier answer of the README showed: " + uuid.group());
      }
      uuid.appendReplacement(result, real);
    }
    uuid.appendTail(result);
    return result.toString();
  }
}
