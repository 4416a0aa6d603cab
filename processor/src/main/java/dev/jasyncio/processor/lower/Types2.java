package dev.jasyncio.processor.lower;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Types that can be written in Java source: a field of a state machine needs one. Inferred types
 * can be captured wildcards ({@code capture#1 of ? extends Number}), anonymous classes or
 * intersections; this maps them to the closest supertype that can be written, as Java's own upward
 * projection does for {@code var}.
 */
final class Types2 {
  private Types2() {}

  /**
   * A type that can be written and is a supertype of {@code type}, or null if there is none worth
   * using.
   */
  static TypeMirror denotable(Javac javac, TypeMirror type) {
    switch (type.getKind()) {
      case ERROR:
      case INTERSECTION:
      case UNION:
        return null;
      case NULL:
        return javac.elements.getTypeElement("java.lang.Object").asType();
      case ARRAY:
        {
          TypeMirror component = denotable(javac, ((ArrayType) type).getComponentType());
          return component == null ? null : javac.types.getArrayType(component);
        }
      case TYPEVAR:
        {
          if (isCaptured((TypeVariable) type)) {
            return denotable(javac, ((TypeVariable) type).getUpperBound());
          }
          return type;
        }
      case DECLARED:
        {
          DeclaredType declared = (DeclaredType) type;
          TypeElement element = (TypeElement) declared.asElement();
          if (element.getNestingKind() == NestingKind.ANONYMOUS) {
            return null; // its members would be lost with any supertype
          }
          if (element.getNestingKind() == NestingKind.LOCAL) {
            return null;
          }
          List<TypeMirror> args = new ArrayList<>();
          boolean changed = false;
          for (TypeMirror arg : declared.getTypeArguments()) {
            TypeMirror projected = projectArgument(javac, arg);
            if (projected == null) {
              return null;
            }
            changed |= projected != arg;
            args.add(projected);
          }
          if (!changed) {
            return type;
          }
          TypeMirror enclosing = declared.getEnclosingType();
          if (enclosing.getKind() == TypeKind.DECLARED) {
            return javac.types.getDeclaredType(
                (DeclaredType) enclosing, element, args.toArray(new TypeMirror[0]));
          }
          return javac.types.getDeclaredType(element, args.toArray(new TypeMirror[0]));
        }
      default:
        return type;
    }
  }

  /** A type argument as it can be written: a captured variable becomes a wildcard. */
  private static TypeMirror projectArgument(Javac javac, TypeMirror arg) {
    if (arg.getKind() == TypeKind.TYPEVAR && isCaptured((TypeVariable) arg)) {
      TypeVariable t = (TypeVariable) arg;
      TypeMirror upper = t.getUpperBound();
      TypeMirror lower = t.getLowerBound();
      if (lower != null && lower.getKind() != TypeKind.NULL) {
        TypeMirror l = denotable(javac, lower);
        return l == null
            ? javac.types.getWildcardType(null, null)
            : javac.types.getWildcardType(null, l);
      }
      if (upper == null || isObject(upper)) {
        return javac.types.getWildcardType(null, null);
      }
      TypeMirror u = denotable(javac, upper);
      return u == null
          ? javac.types.getWildcardType(null, null)
          : javac.types.getWildcardType(u, null);
    }
    if (arg.getKind() == TypeKind.WILDCARD) {
      WildcardType w = (WildcardType) arg;
      TypeMirror ext = w.getExtendsBound();
      TypeMirror sup = w.getSuperBound();
      if (ext != null) {
        TypeMirror e = denotable(javac, ext);
        return e == null
            ? javac.types.getWildcardType(null, null)
            : (e == ext ? arg : javac.types.getWildcardType(e, null));
      }
      if (sup != null) {
        TypeMirror s = denotable(javac, sup);
        return s == null
            ? javac.types.getWildcardType(null, null)
            : (s == sup ? arg : javac.types.getWildcardType(null, s));
      }
      return arg;
    }
    return denotable(javac, arg);
  }

  private static boolean isObject(TypeMirror t) {
    return t.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) t).asElement())
            .getQualifiedName()
            .contentEquals("java.lang.Object");
  }

  /**
   * The closest common superclass of {@code alternatives} (all classes): the type of a multi-catch
   * parameter as a field can hold it.
   */
  static TypeMirror lub(Javac javac, List<? extends TypeMirror> alternatives) {
    TypeMirror candidate = alternatives.get(0);
    while (candidate.getKind() == TypeKind.DECLARED) {
      boolean all = true;
      for (TypeMirror a : alternatives) {
        all &= javac.types.isAssignable(a, candidate);
      }
      if (all) {
        return candidate;
      }
      candidate = ((TypeElement) ((DeclaredType) candidate).asElement()).getSuperclass();
    }
    return javac.elements.getTypeElement("java.lang.Throwable").asType();
  }

  /** Whether {@code t} is a variable javac made up for a captured wildcard. */
  static boolean isCaptured(TypeVariable t) {
    return t.toString().startsWith("capture#");
  }
}
