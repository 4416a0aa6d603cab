package dev.jasyncio.processor.lower;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A try statement that was taken apart because it contains an await, or the root of the method.
 * Every case of the state machine belongs to one part of one region; an exception thrown in that
 * case is routed by the region's handler: to a catch clause, to the finally block (with a pending
 * throw), or to the enclosing region.
 *
 * <p>A region with a finally block owns a completion record, two fields that say how control
 * entered the finally block and where it goes afterwards: normally, a pending throw, a pending
 * return (with its value), or a pending jump (by number, see {@link #jumpCode}).
 */
final class Region {
  enum Part {
    TRY,
    CATCH,
    FINALLY
  }

  /**
   * How the record says the finally block was entered; jumps are numbered from {@link #FIRST_JUMP}.
   */
  static final int NORMAL = 0;

  static final int THROW = 1;
  static final int RETURN = 2;
  static final int FIRST_JUMP = 3;

  /** A catch clause of the try statement. */
  static final class Catch {
    final List<TypeName> types;
    final Listing.Label label;

    /** The field the exception is stored in: the hoisted parameter, or the shared "caught". */
    final String field;

    /** The type of that field, for the cast. */
    final TypeName fieldType;

    Catch(List<TypeName> types, Listing.Label label, String field, TypeName fieldType) {
      this.types = types;
      this.label = label;
      this.field = field;
      this.fieldType = fieldType;
    }
  }

  /** A jump (break or continue) that passes through this region's finally block. */
  static final class PendingJump {
    final Listing.Label target;

    /** The region the target lies in: the jump continues from this one's parent towards it. */
    final Region targetRegion;

    PendingJump(Listing.Label target, Region targetRegion) {
      this.target = target;
      this.targetRegion = targetRegion;
    }
  }

  final Region parent;

  /** The part of the parent region this try statement sits in. */
  final Part partInParent;

  final List<Catch> catches = new ArrayList<>();

  /** The first state of the finally block, or null. */
  Listing.Label finallyLabel;

  /** The fields of the completion record, when there is a finally block. */
  String recordKind;

  String recordValue;

  /** The jumps that pass through the finally block, by their number in the record. */
  final Map<Listing.Label, Integer> jumps = new LinkedHashMap<>();

  final List<PendingJump> pendingJumps = new ArrayList<>();

  private Region(Region parent, Part partInParent) {
    this.parent = parent;
    this.partInParent = partInParent;
  }

  static Region root() {
    return new Region(null, Part.TRY);
  }

  Region child(Part partInThis) {
    return new Region(this, partInThis);
  }

  boolean isRoot() {
    return parent == null;
  }

  boolean hasFinally() {
    return finallyLabel != null;
  }

  /** The number that stands for a jump to {@code target} in this region's completion record. */
  int jumpCode(Listing.Label target, Region targetRegion) {
    Integer code = jumps.get(target);
    if (code == null) {
      code = FIRST_JUMP + jumps.size();
      jumps.put(target, code);
      pendingJumps.add(new PendingJump(target, targetRegion));
    }
    return code;
  }

  /** Whether {@code other} is this region or lies inside it. */
  boolean encloses(Region other) {
    for (Region r = other; r != null; r = r.parent) {
      if (r == this) {
        return true;
      }
    }
    return false;
  }
}
