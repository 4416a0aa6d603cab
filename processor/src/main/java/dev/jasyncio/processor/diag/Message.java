package dev.jasyncio.processor.diag;

import javax.tools.Diagnostic;

/**
 * The processor's diagnostics. Each has an id (shown in brackets and documented in {@code
 * docs/diagnostics/<Id>.md}), a kind, and a template of the form "rule; what was found. fix".
 */
public enum Message {
  WRONG_RETURN_TYPE(
      "WrongReturnType",
      Diagnostic.Kind.ERROR,
      "an @Async method must return dev.jasyncio.Coroutine<T>; %s returns %s. Declare the return"
          + " type as Coroutine<%s> and end the body with return done(value)"),
  INTERNAL_ERROR(
      "InternalError",
      Diagnostic.Kind.ERROR,
      "the jasyncio processor failed on %s; this is a bug in jasyncio, please report it with this"
          + " stack trace:%n%s");

  private final String id;
  private final Diagnostic.Kind kind;
  private final String template;

  Message(String id, Diagnostic.Kind kind, String template) {
    this.id = id;
    this.kind = kind;
    this.template = template;
  }

  public String id() {
    return id;
  }

  public Diagnostic.Kind kind() {
    return kind;
  }

  /** The full text: {@code [Id] } followed by the template filled with {@code args}. */
  public String format(Object... args) {
    return "[" + id + "] " + String.format(template, args);
  }
}
