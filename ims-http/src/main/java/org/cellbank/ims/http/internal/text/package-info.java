/**
 * Internal: not part of the public API, may change in any release. Text helpers with no dependency
 * of their own, such as escaping request values for log lines
 * ({@link org.cellbank.ims.http.internal.text.LogText}).
 */
package org.cellbank.ims.http.internal.text;
