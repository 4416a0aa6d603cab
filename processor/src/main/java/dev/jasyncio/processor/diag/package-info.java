/** Every diagnostic the processor reports: an id, a kind, and a message that names the fix. */
package dev.jasyncio.processor.diag;
