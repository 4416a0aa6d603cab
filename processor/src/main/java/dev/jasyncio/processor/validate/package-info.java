/**
 * Checks that reject what the generated code could not do, each reported at the exact tree with a
 * message that names the fix. Validators never write code.
 */
package dev.jasyncio.processor.validate;
