package dev.jasyncio;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A variable whose value depends on the running task, as Python's {@code contextvars.ContextVar}:
 * the asynchronous counterpart of a {@link ThreadLocal}.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = ContextVar.of("request_id");
 *
 * REQUEST_ID.set("r-17");          // seen by this task and the tasks it creates from now on
 * String id = REQUEST_ID.get();
 * }</pre>
 *
 * @param <T> the type of the value
 * @see Context
 */
public final class ContextVar<T> {
  private static final Object MISSING = new Object();

  private final String name;
  private final Object defaultValue;

  private ContextVar(String name, Object defaultValue) {
    this.name = Objects.requireNonNull(name, "name");
    this.defaultValue = defaultValue;
  }

  /** A variable without a default value: {@link #get()} throws until it is set. */
  public static <T> ContextVar<T> of(String name) {
    return new ContextVar<>(name, MISSING);
  }

  /** A variable whose value is {@code defaultValue} until it is set. */
  public static <T> ContextVar<T> of(String name, T defaultValue) {
    return new ContextVar<>(name, defaultValue);
  }

  public String name() {
    return name;
  }

  /**
   * The value in the current context, else the default value.
   *
   * @throws NoSuchElementException if there is neither (Python's {@code LookupError})
   */
  @SuppressWarnings("unchecked")
  public T get() {
    Object v = Context.lookup(Context.currentPairs(), this, defaultValue);
    if (v == MISSING) {
      throw new NoSuchElementException(
          "ContextVar '" + name + "' has no value in the current context and no default");
    }
    return (T) v;
  }

  /** The value in the current context, else {@code fallback}. */
  @SuppressWarnings("unchecked")
  public T get(T fallback) {
    Object v = Context.lookup(Context.currentPairs(), this, MISSING);
    return v == MISSING ? fallback : (T) v;
  }

  /** Sets the value in the current context; the token undoes it with {@link #reset}. */
  public Token<T> set(T value) {
    Context context = Context.current();
    Object old = context.lookup(this, MISSING);
    context.put(this, value);
    return new Token<>(this, context, old);
  }

  /**
   * Restores the value this variable had before the {@link #set} that returned {@code token}.
   *
   * @throws IllegalArgumentException if the token belongs to another variable or context
   * @throws IllegalStateException if the token was already used
   */
  public void reset(Token<T> token) {
    Objects.requireNonNull(token, "token");
    if (token.var != this) {
      throw new IllegalArgumentException(
          token + " was created by a different ContextVar than " + this);
    }
    if (token.context != Context.current()) {
      throw new IllegalArgumentException(token + " was created in a different Context");
    }
    if (token.used) {
      throw new IllegalStateException(token + " has already been used once");
    }
    token.used = true;
    if (token.old == MISSING) {
      token.context.remove(this);
    } else {
      token.context.put(this, token.old);
    }
  }

  @Override
  public String toString() {
    return "<ContextVar name='"
        + name
        + "'"
        + (defaultValue == MISSING ? "" : " default=" + defaultValue)
        + ">";
  }

  /** The undo record of one {@link ContextVar#set}. */
  public static final class Token<T> {
    private final ContextVar<T> var;
    private final Context context;
    private final Object old;
    private boolean used;

    private Token(ContextVar<T> var, Context context, Object old) {
      this.var = var;
      this.context = context;
      this.old = old;
    }

    public ContextVar<T> var() {
      return var;
    }

    @Override
    public String toString() {
      return "<Token var=" + var + (used ? " used" : "") + ">";
    }
  }
}
