package dev.jasyncio.processor.lower;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.jasyncio.processor.model.Case;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cases of a state machine under construction, as regenerator's emitter builds them: code is
 * appended to the current case; a {@link Label} is a state number fixed when it is {@linkplain
 * #mark marked}, and may be jumped to before that.
 *
 * <p>Invariant of the generated code: while a case runs, the state field holds a state of the same
 * try region, so that an exception finds its handler by the state alone. Falling into a marked
 * label writes the state; a jump writes it and re-enters the dispatch loop.
 */
final class Listing {
  /** A state number, known once marked. Renders as the number in generated code. */
  static final class Label {
    private int state = -1;
    final String purpose;

    Label(String purpose) {
      this.purpose = purpose;
    }

    boolean marked() {
      return state >= 0;
    }

    int state() {
      if (state < 0) {
        throw new IllegalStateException("label for " + purpose + " was jumped to but never marked");
      }
      return state;
    }

    @Override
    public String toString() {
      return String.valueOf(state());
    }
  }

  /** A case being built. */
  static final class Block {
    final Label label;
    final Region region;
    final Region.Part part;
    final List<Object> lines = new ArrayList<>(); // CodeBlock or Jump

    /** Whether the block before it can run on into it (by falling through, or past an await). */
    final boolean continued;

    Block(Label label, Region region, Region.Part part, boolean continued) {
      this.label = label;
      this.region = region;
      this.part = part;
      this.continued = continued;
    }
  }

  /** A loop's jump back to its head, written as the last line of block {@code last}. */
  private record LoopBack(Label head, int last) {}

  /**
   * The most generated code, in characters, that a loop's cases may hold and still be copied into
   * its head's case (see {@link #cases}): a bound on how much larger a method gets, so that the JIT
   * still compiles it.
   */
  private static final int MAX_INLINE_LOOP_CHARS = 4000;

  /** A jump to a label: "state = L; continue loop;", or only the assignment if L comes next. */
  private record Jump(Label target) {}

  private final String stateField;
  private final String loopLabel;
  private final List<Block> blocks = new ArrayList<>();
  private final List<LoopBack> loopBacks = new ArrayList<>();
  private Block current;
  private boolean reachable;
  private Region region;
  private Region.Part part;

  Listing(String stateField, String loopLabel, Region root) {
    this.stateField = stateField;
    this.loopLabel = loopLabel;
    this.region = root;
    this.part = Region.Part.TRY;
    Label start = new Label("start");
    start.state = 0;
    current = new Block(start, root, part, false);
    blocks.add(current);
    reachable = true;
  }

  Label newLabel(String purpose) {
    return new Label(purpose);
  }

  /** The region new code belongs to. */
  Region region() {
    return region;
  }

  Region.Part part() {
    return part;
  }

  /** Whether code appended now could run: false right after a jump, return or throw. */
  boolean reachable() {
    return reachable;
  }

  /** Starts case {@code label} here; code before it that can complete falls into it. */
  void mark(Label label) {
    mark(label, region, part);
  }

  /** Starts case {@code label} in another region (entering or leaving a try statement's part). */
  void mark(Label label, Region newRegion, Region.Part newPart) {
    if (label.marked()) {
      throw new IllegalStateException("label for " + label.purpose + " marked twice");
    }
    if (reachable
        && current.lines.isEmpty()
        && current.label.state != 0
        && current.region == newRegion
        && current.part == newPart) {
      label.state = current.label.state; // nothing between the two labels: one state serves both
      return;
    }
    label.state = blocks.size();
    if (reachable) {
      add(CodeBlock.of("$N = $L;\n", stateField, label));
    }
    region = newRegion;
    part = newPart;
    current = new Block(label, region, part, reachable);
    blocks.add(current);
    reachable = true;
  }

  /** Starts {@code label} as the resume point of a suspension whose state is already written. */
  void markResumePoint(Label label) {
    label.state = blocks.size();
    current = new Block(label, region, part, reachable);
    blocks.add(current);
    reachable = true;
  }

  /** Appends statements (each ending in ";\n" or a block). */
  void add(CodeBlock code) {
    if (!reachable) {
      startDeadCase();
    }
    current.lines.add(code);
  }

  /**
   * Code after a jump: gives it a case of its own (never entered) rather than make javac report an
   * unreachable statement.
   */
  private void startDeadCase() {
    Label dead = new Label("unreachable code");
    dead.state = blocks.size();
    current = new Block(dead, region, part, false);
    blocks.add(current);
    reachable = true;
  }

  /** Where a Java block opened by {@link #openBlock} starts: a case, and a line in it. */
  record BlockStart(Block block, int line) {}

  /**
   * Opens a Java block: the code appended until {@link #closeBlock} goes inside braces, so that the
   * locals it declares are not in scope after it. That code must stay in the current case.
   */
  BlockStart openBlock() {
    if (!reachable) {
      startDeadCase();
    }
    return new BlockStart(current, current.lines.size());
  }

  /** Closes the Java block opened at {@code start}, whether or not the code in it completes. */
  void closeBlock(BlockStart start) {
    if (current != start.block) {
      throw new IllegalStateException("a Java block spans two cases");
    }
    List<Object> inside = current.lines.subList(start.line, current.lines.size());
    CodeBlock.Builder code = CodeBlock.builder().add("{\n$>");
    for (Object line : inside) {
      if (!(line instanceof CodeBlock c)) {
        throw new IllegalStateException(
            "a jump to " + ((Jump) line).target.purpose + " in a Java block");
      }
      code.add(c);
    }
    inside.clear();
    current.lines.add(code.add("$<}\n").build());
  }

  /** Appends a statement after which control does not continue (return, throw). */
  void addTerminal(CodeBlock code) {
    add(code);
    reachable = false;
  }

  /** Jumps to {@code target}: sets the state and re-enters the dispatch loop. */
  void jump(Label target) {
    if (!reachable) {
      return;
    }
    current.lines.add(new Jump(target));
    reachable = false;
  }

  /** Jumps back to the head of the loop whose body ends here. */
  void loopBack(Label head) {
    if (!reachable) {
      return;
    }
    jump(head);
    loopBacks.add(new LoopBack(head, blocks.size() - 1));
  }

  /** Code for a jump to {@code target} inside other code (a branch of a generated if). */
  CodeBlock jumpCode(Label target) {
    return CodeBlock.of("$N = $L;\ncontinue $N;\n", stateField, target, loopLabel);
  }

  /**
   * Declares that code appended from now on is unreachable (after a user statement that never
   * completes).
   */
  void markUnreachable() {
    reachable = false;
  }

  List<Block> blocks() {
    return blocks;
  }

  /**
   * The finished cases. Every label must have been marked.
   *
   * <p>A loop whose cases run straight on from its head to its jump back (no other jump between, as
   * when its awaits are statements of its body or inside an {@code if} without {@code else}) is
   * also copied, whole, into its head's case as a Java {@code for (;;)}: while its awaits complete
   * at once the loop runs there without going back through the dispatch, and the JIT sees an
   * ordinary loop. An await that suspends returns as usual, and the resume goes to the cases after
   * the head, unchanged, whose jump back enters the copy again. Every line is the same in both
   * places, state writes included, so an exception is handled the same way in either.
   *
   * @param shadowable the fields of the method's parameters and hoisted locals that a copy may keep
   *     in Java locals of the same names (see {@link #inlineLoop}), in declaration order
   */
  List<Case> cases(Map<String, TypeName> shadowable) {
    Map<Integer, Integer> inlineLoops = new HashMap<>(); // head block -> last block
    for (LoopBack back : loopBacks) {
      int head = back.head.state(); // a state is the index of its block
      if (runsStraight(head, back.last)) {
        inlineLoops.put(head, back.last);
      }
    }
    List<Case> out = new ArrayList<>(blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      Integer last = inlineLoops.get(i);
      CodeBlock code;
      if (last == null) {
        code = render(i, false);
      } else {
        CodeBlock.Builder body = CodeBlock.builder();
        for (int j = i; j <= last; j++) {
          body.add(render(j, true));
        }
        code = inlineLoop(body.build(), shadowable);
      }
      out.add(new Case(b.label.state(), code));
    }
    return out;
  }

  /**
   * A loop's copy in its head's case: {@code body} in a {@code for (;;)}. The fields of the
   * variables it uses are read into Java locals of the same names first, which the body's code then
   * uses: the JIT keeps them in registers across the awaits' calls, where it must store and load a
   * field around each call. A {@code finally} writes them back whenever the copy is left (a jump
   * out, a suspension, a return, an exception), before anything else can read the fields.
   *
   * <p>A variable is copied only when the body names it bare and never as {@code this.x} (a
   * lambda's or class's copy of a captured variable, or a pattern variable's field, reads or writes
   * the field itself), and when no Java declaration in the method has its name ({@code shadowable}
   * leaves those out): two locals of one name cannot be in scope together.
   */
  private static CodeBlock inlineLoop(CodeBlock body, Map<String, TypeName> shadowable) {
    String text = body.toString();
    Map<String, TypeName> locals = new LinkedHashMap<>();
    for (Map.Entry<String, TypeName> v : shadowable.entrySet()) {
      String name = Pattern.quote(v.getKey());
      if (Pattern.compile("(?<![\\w$.])" + name + "(?![\\w$])").matcher(text).find()
          && !Pattern.compile("\\bthis\\s*\\.\\s*" + name + "(?![\\w$])").matcher(text).find()) {
        locals.put(v.getKey(), v.getValue());
      }
    }
    CodeBlock.Builder code =
        CodeBlock.builder()
            .add("// the loop runs here while its awaits complete at once; one that suspends\n")
            .add("// resumes in the cases below, and their jump back re-enters it\n");
    if (locals.isEmpty()) {
      return code.add("for (;;) {\n$>$L$<}\n", body).build();
    }
    code.add("// its variables live in these locals meanwhile; leaving it writes them back\n");
    locals.forEach((name, type) -> code.add("$T $N = this.$N;\n", type, name, name));
    code.add("try {\n$>for (;;) {\n$>$L$<}\n$<} finally {\n$>", body);
    locals.forEach((name, type) -> code.add("this.$N = $N;\n", name, name));
    return code.add("$<}\n").build();
  }

  /**
   * Whether the cases of blocks {@code from} (a loop's head) to {@code to} run one into the next,
   * with no jump but the one back to the head at the end, and are small enough to be copied.
   */
  private boolean runsStraight(int from, int to) {
    if (to < from) {
      return false;
    }
    int chars = 0;
    for (int j = from; j <= to; j++) {
      Block b = blocks.get(j);
      if (j > from && !b.continued) {
        return false;
      }
      for (int k = 0; k < b.lines.size(); k++) {
        Object line = b.lines.get(k);
        if (line instanceof Jump jump) {
          if (!(j == to && k == b.lines.size() - 1 && jump.target.state() == from)) {
            return false;
          }
        } else {
          chars += line.toString().length();
        }
      }
    }
    return chars <= MAX_INLINE_LOOP_CHARS;
  }

  /**
   * The code of block {@code i}. Inside a loop's copy ({@code inLoop}), the jump back to the head
   * at its end only sets the state: the copy's {@code for (;;)} goes round.
   */
  private CodeBlock render(int i, boolean inLoop) {
    Block b = blocks.get(i);
    CodeBlock.Builder code = CodeBlock.builder();
    for (int j = 0; j < b.lines.size(); j++) {
      Object line = b.lines.get(j);
      if (line instanceof Jump jump) {
        boolean last = j == b.lines.size() - 1;
        boolean next = jump.target.state() == i + 1;
        code.add("$N = $L;\n", stateField, jump.target);
        if (!(last && (next || inLoop))) {
          code.add("continue $N;\n", loopLabel);
        }
      } else {
        code.add((CodeBlock) line);
      }
    }
    return code.build();
  }
}
