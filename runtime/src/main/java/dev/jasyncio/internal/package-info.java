/**
 * Not API; used by generated code and by the runtime itself. Anything here may change without
 * notice.
 */
package dev.jasyncio.internal;
