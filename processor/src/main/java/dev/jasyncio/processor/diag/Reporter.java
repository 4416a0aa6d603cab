package dev.jasyncio.processor.diag;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Prints {@link Message}s at the exact tree they are about (falling back to the element), and
 * counts the errors so that the processor can skip generating code for a method it rejected.
 */
public final class Reporter {
  private final Messager messager;
  private final Trees trees;
  private int errors;

  public Reporter(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** Reports {@code message} at {@code path}'s leaf. */
  public void at(TreePath path, Message message, Object... args) {
    at(path.getLeaf(), path, message, args);
  }

  /** Reports {@code message} at {@code tree}, which lies in {@code path}'s compilation unit. */
  public void at(Tree tree, TreePath path, Message message, Object... args) {
    count(message);
    if (trees != null) {
      trees.printMessage(message.kind(), message.format(args), tree, path.getCompilationUnit());
    } else {
      messager.printMessage(message.kind(), message.format(args));
    }
  }

  /** Reports {@code message} at {@code element}. */
  public void at(Element element, Message message, Object... args) {
    count(message);
    messager.printMessage(message.kind(), message.format(args), element);
  }

  /** The number of errors reported so far. */
  public int errors() {
    return errors;
  }

  private void count(Message message) {
    if (message.kind() == Diagnostic.Kind.ERROR) {
      errors++;
    }
  }
}
