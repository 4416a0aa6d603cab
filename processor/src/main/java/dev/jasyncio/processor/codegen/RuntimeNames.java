package dev.jasyncio.processor.codegen;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types generated code refers to. The processor never loads runtime classes; these
 * names are the whole contract.
 */
public final class RuntimeNames {
  private RuntimeNames() {}

  public static final String PACKAGE = "dev.jasyncio";

  public static final ClassName COROUTINE = ClassName.get(PACKAGE, "Coroutine");
  public static final ClassName GENERATED_COROUTINE = ClassName.get(PACKAGE, "GeneratedCoroutine");
  public static final ClassName TASK = ClassName.get(PACKAGE, "Task");
  public static final ClassName ABSTRACT_ASYNC_GENERATOR =
      ClassName.get(PACKAGE, "AbstractAsyncGenerator");
  public static final ClassName ASYNC_CONTEXT_MANAGER =
      ClassName.get(PACKAGE, "AsyncContextManager");
  public static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");
  public static final String PROCESSOR = "dev.jasyncio.processor.AsyncProcessor";
}
