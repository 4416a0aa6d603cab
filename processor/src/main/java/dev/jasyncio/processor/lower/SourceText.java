package dev.jasyncio.processor.lower;

import com.palantir.javapoet.CodeBlock;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.tools.Diagnostic;

/**
 * The source text of a compilation unit, and the rendering of a tree as that text with edits:
 * generated code keeps the user's own spelling, comments and line breaks wherever it can.
 */
final class SourceText {
  /** Decides what becomes of each tree while rendering. */
  interface Policy {
    /**
     * The code that replaces the tree at {@code path}, or null to keep its text and look at its
     * children.
     */
    CodeBlock replace(TreePath path);
  }

  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final CharSequence content;

  SourceText(CompilationUnitTree unit, SourcePositions positions) {
    this.unit = unit;
    this.positions = positions;
    try {
      this.content = unit.getSourceFile().getCharContent(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + unit.getSourceFile().getName(), e);
    }
  }

  CompilationUnitTree unit() {
    return unit;
  }

  int start(Tree tree) {
    return (int) positions.getStartPosition(unit, tree);
  }

  int end(Tree tree) {
    return (int) positions.getEndPosition(unit, tree);
  }

  /** Whether {@code tree} has a place in the source (javac makes a few trees up). */
  boolean positioned(Tree tree) {
    int s = start(tree);
    int e = end(tree);
    return s != Diagnostic.NOPOS && e != Diagnostic.NOPOS && s <= e;
  }

  /** The line of {@code tree}, counting from 1. */
  long line(Tree tree) {
    return unit.getLineMap().getLineNumber(start(tree));
  }

  /** The source file's simple name, for comments such as {@code Shop.java:12}. */
  String fileName() {
    String name = unit.getSourceFile().getName();
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1);
  }

  /** The text of {@code tree} as written. */
  String text(Tree tree) {
    return content.subSequence(start(tree), end(tree)).toString();
  }

  /** The text of {@code tree} as written, on one line, shortened for comments. */
  String summary(Tree tree) {
    String s = collapseWhitespace(text(tree));
    return s.length() <= 90 ? s : s.substring(0, 87) + "...";
  }

  /**
   * {@code code} on one line: each run of whitespace becomes one space, except inside string and
   * character literals, which are quoted as written.
   */
  static String collapseWhitespace(String code) {
    StringBuilder out = new StringBuilder(code.length());
    char quote = 0;
    boolean space = false;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (quote != 0) {
        out.append(c == '\n' || c == '\r' ? ' ' : c); // a text block stays on the line
        if (c == '\\' && i + 1 < code.length()) {
          out.append(code.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (Character.isWhitespace(c)) {
        space = true;
        continue;
      }
      if (space && out.length() > 0) {
        out.append(' ');
      }
      space = false;
      if (c == '"' || c == '\'') {
        quote = c;
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * The code of the tree at {@code path}: its text with every edit {@code policy} asks for,
   * dedented so that its first line starts at column 0 and later lines keep their relative
   * indentation. Edits stay code blocks, so the labels in them are resolved only when the whole
   * method is written.
   */
  CodeBlock render(TreePath path, Policy policy) {
    Tree root = path.getLeaf();
    if (positioned(root)) {
      CodeBlock whole = policy.replace(path);
      if (whole != null) {
        return whole;
      }
    }
    int start = start(root);
    int end = end(root);
    List<int[]> spans = new ArrayList<>();
    List<CodeBlock> replacements = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree == null) {
          return null;
        }
        TreePath p = new TreePath(getCurrentPath(), tree);
        if (positioned(tree)) {
          CodeBlock r = policy.replace(p);
          if (r != null) {
            spans.add(new int[] {start(tree), end(tree), replacements.size()});
            replacements.add(r);
            return null;
          }
        }
        return super.scan(tree, unused);
      }
    }.scan(path, null);
    spans.sort(Comparator.comparingInt(s -> s[0]));
    int indent = lineIndent(start);
    CodeBlock.Builder out = CodeBlock.builder();
    int at = start;
    for (int[] span : spans) {
      if (span[0] < at) {
        continue; // nested in an edit already made (cannot happen: edited trees are not entered)
      }
      text(out, content.subSequence(at, span[0]).toString(), indent);
      out.add("$L", replacements.get(span[2]));
      at = span[1];
    }
    text(out, content.subSequence(at, end).toString(), indent);
    return out.build();
  }

  private static void text(CodeBlock.Builder out, String text, int indent) {
    if (!text.isEmpty()) {
      out.add("$L", dedent(text, indent));
    }
  }

  /** The indentation of the line {@code offset} is on: what later lines are relative to. */
  private int lineIndent(int offset) {
    int lineStart = offset;
    while (lineStart > 0 && content.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    int indent = 0;
    while (lineStart + indent < content.length() && content.charAt(lineStart + indent) == ' ') {
      indent++;
    }
    return indent;
  }

  private static String dedent(String text, int column) {
    if (column == 0 || text.indexOf('\n') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    String[] lines = text.split("\n", -1);
    out.append(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int strip = 0;
      while (strip < column && strip < line.length() && line.charAt(strip) == ' ') {
        strip++;
      }
      out.append('\n').append(line, strip, line.length());
    }
    return out.toString();
  }
}
