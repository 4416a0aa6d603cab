package dev.jasyncio;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body is the source of a coroutine, as {@code async def} does in Python.
 *
 * <pre>{@code
 * public abstract class CoffeeShop {
 *   @Async
 *   Coroutine<String> makeCoffee(String customer) {
 *     await(sleep(3.0));
 *     return done(customer + "'s coffee");
 *   }
 * }
 * }</pre>
 *
 * <p>The jasyncio annotation processor compiles the body into a state machine in a generated class
 * ({@code Async_CoffeeShop} for {@code CoffeeShop}); the body as written never runs. Calling the
 * method creates a coroutine and runs none of it: the body starts when the coroutine is awaited or
 * wrapped in a {@link Task}.
 *
 * <p>The annotated method is an instance method of an abstract class, a {@code default} method of
 * an interface, or a static method. Its declared return type says what it is: {@link Coroutine} for
 * a coroutine that produces a value.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {}
