/**
 * Internal: not part of the public API, may change in any release. Helpers the IMS modules share at
 * the HTTP boundary, such as reading a request's JSON body ({@link org.cellbank.ims.http.internal.JsonBodies}).
 */
package org.cellbank.ims.http.internal;
