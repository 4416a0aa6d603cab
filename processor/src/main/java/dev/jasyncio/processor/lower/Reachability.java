package dev.jasyncio.processor.lower;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.List;

/**
 * Whether a statement can complete normally (JLS 14.22), for the code generated after a statement
 * copied as a whole: javac rejects statements it finds unreachable, and falling through where
 * control cannot go would be wrong. When the rules are not clear-cut the answer is {@link
 * Completion#MAYBE}, and the caller wraps the statement so that either way is valid Java.
 */
final class Reachability {
  enum Completion {
    ALWAYS,
    NEVER,
    MAYBE
  }

  private final Javac javac;
  private final com.sun.source.tree.CompilationUnitTree unit;

  Reachability(Javac javac, com.sun.source.tree.CompilationUnitTree unit) {
    this.javac = javac;
    this.unit = unit;
  }

  Completion of(StatementTree s) {
    switch (s.getKind()) {
      case RETURN:
      case THROW:
      case BREAK:
      case CONTINUE:
      case YIELD:
        return Completion.NEVER;
      case BLOCK:
        return ofSequence(((BlockTree) s).getStatements());
      case LABELED_STATEMENT:
        {
          LabeledStatementTree l = (LabeledStatementTree) s;
          Completion inner = of(l.getStatement());
          if (inner == Completion.NEVER && breaksOut(l.getStatement(), l.getLabel().toString())) {
            return Completion.MAYBE;
          }
          return inner;
        }
      case IF:
        {
          IfTree i = (IfTree) s;
          if (i.getElseStatement() == null) {
            return Completion
                .ALWAYS; // JLS: an if-then can complete normally whenever it is reachable
          }
          Completion a = of(i.getThenStatement());
          Completion b = of(i.getElseStatement());
          if (a == Completion.NEVER && b == Completion.NEVER) {
            return Completion.NEVER;
          }
          return a == Completion.ALWAYS || b == Completion.ALWAYS
              ? Completion.ALWAYS
              : Completion.MAYBE;
        }
      case WHILE_LOOP:
        return loop(((WhileLoopTree) s).getCondition(), s);
      case DO_WHILE_LOOP:
        {
          DoWhileLoopTree d = (DoWhileLoopTree) s;
          Completion body = of(d.getStatement());
          if (isTrue(d.getCondition())) {
            return hasBreak(s) ? Completion.MAYBE : Completion.NEVER;
          }
          return body == Completion.NEVER && !hasBreak(s) && !hasContinue(s)
              ? Completion.NEVER
              : Completion.MAYBE;
        }
      case FOR_LOOP:
        {
          ForLoopTree f = (ForLoopTree) s;
          return f.getCondition() == null
              ? (hasBreak(s) ? Completion.MAYBE : Completion.NEVER)
              : loop(f.getCondition(), s);
        }
      case ENHANCED_FOR_LOOP:
      case EXPRESSION_STATEMENT:
      case VARIABLE:
      case EMPTY_STATEMENT:
      case ASSERT:
        return Completion.ALWAYS;
      case SYNCHRONIZED:
        return of(((SynchronizedTree) s).getBlock());
      case TRY:
        {
          TryTree t = (TryTree) s;
          if (t.getFinallyBlock() != null && of(t.getFinallyBlock()) == Completion.NEVER) {
            return Completion.NEVER;
          }
          Completion body = of(t.getBlock());
          if (body == Completion.ALWAYS) {
            return Completion.ALWAYS;
          }
          for (var c : t.getCatches()) {
            if (of(c.getBlock()) == Completion.ALWAYS) {
              return Completion.ALWAYS;
            }
          }
          return Completion.MAYBE;
        }
      default:
        return Completion.MAYBE;
    }
  }

  private Completion ofSequence(List<? extends StatementTree> statements) {
    Completion result = Completion.ALWAYS;
    for (StatementTree s : statements) {
      Completion c = of(s);
      if (c == Completion.NEVER) {
        return Completion.NEVER;
      }
      if (c == Completion.MAYBE) {
        result = Completion.MAYBE;
      }
    }
    return result;
  }

  private Completion loop(ExpressionTree condition, Tree loop) {
    if (isTrue(condition)) {
      return hasBreak(loop) ? Completion.MAYBE : Completion.NEVER;
    }
    if (condition instanceof LiteralTree || condition instanceof ParenthesizedTree) {
      return Completion.MAYBE;
    }
    return isConstantCandidate(condition) ? Completion.MAYBE : Completion.ALWAYS;
  }

  private static boolean isTrue(ExpressionTree e) {
    while (e instanceof ParenthesizedTree p) {
      e = p.getExpression();
    }
    return e instanceof LiteralTree l && Boolean.TRUE.equals(l.getValue());
  }

  /** A condition that might be a constant expression: no method call, no assignment. */
  private boolean isConstantCandidate(ExpressionTree e) {
    boolean[] variable = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(
          com.sun.source.tree.MethodInvocationTree node, Void unused) {
        variable[0] = true;
        return null;
      }

      @Override
      public Void visitArrayAccess(com.sun.source.tree.ArrayAccessTree node, Void unused) {
        variable[0] = true;
        return null;
      }

      @Override
      public Void visitNewClass(com.sun.source.tree.NewClassTree node, Void unused) {
        variable[0] = true;
        return null;
      }

      @Override
      public Void visitIdentifier(com.sun.source.tree.IdentifierTree node, Void unused) {
        com.sun.source.util.TreePath p = com.sun.source.util.TreePath.getPath(unit, node);
        javax.lang.model.element.Element el = p == null ? null : javac.element(p);
        if (el instanceof javax.lang.model.element.VariableElement v
            && v.getConstantValue() == null) {
          variable[0] = true;
        }
        return null;
      }
    }.scan(e, null);
    return !variable[0];
  }

  private static boolean hasBreak(Tree t) {
    return scanFor(t, true);
  }

  private static boolean hasContinue(Tree t) {
    return scanFor(t, false);
  }

  private static boolean scanFor(Tree t, boolean breaks) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(BreakTree node, Void unused) {
        found[0] |= breaks;
        return null;
      }

      @Override
      public Void visitContinue(com.sun.source.tree.ContinueTree node, Void unused) {
        found[0] |= !breaks;
        return null;
      }

      @Override
      public Void visitLambdaExpression(
          com.sun.source.tree.LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(com.sun.source.tree.ClassTree node, Void unused) {
        return null;
      }
    }.scan(t, null);
    return found[0];
  }

  private static boolean breaksOut(Tree t, String label) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(BreakTree node, Void unused) {
        found[0] |= node.getLabel() != null && node.getLabel().contentEquals(label);
        return null;
      }
    }.scan(t, null);
    return found[0];
  }
}
