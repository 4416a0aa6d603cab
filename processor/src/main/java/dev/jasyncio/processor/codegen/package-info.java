/**
 * Writing: an {@link dev.jasyncio.processor.model.AsyncClass} becomes a Java source file through
 * JavaPoet. Writers never report errors; every runtime type they name is in {@link
 * dev.jasyncio.processor.codegen.RuntimeNames}.
 */
package dev.jasyncio.processor.codegen;
