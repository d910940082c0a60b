/**
 * Framework-agnostic HTTP types for the IMS API (the {@code ims-http} module): {@link org.cellbank.ims.http.HttpRequest},
 * {@link org.cellbank.ims.http.HttpResponse}, the {@link org.cellbank.ims.http.HttpHandler}
 * that turns one into the other, a small {@link org.cellbank.ims.http.Router} and
 * {@link org.cellbank.ims.http.Cors}, and {@link org.cellbank.ims.http.UrlEncoding}, the one place URL
 * parts are encoded and decoded.
 *
 * <p>Nothing here knows about Lambda, API Gateway or a servlet container: adapters (the Lambda
 * handler, a local server) convert their own request shapes to {@code HttpRequest} and back.
 *
 * <h2>Error bodies</h2>
 * Every error answer made here (unknown path, wrong method, a mapped exception, a rejected CORS
 * preflight) has the content type {@code application/json} and this body (sorted keys, two-space
 * indent):
 *
 * <pre>{@code
 * {
 *   "error": {
 *     "message": "No route for /api/v0/nothing",
 *     "status": 404
 *   }
 * }
 * }</pre>
 *
 * <p>The message never holds a stack trace; for a 500 it is always {@code "Internal server error"}.
 * See {@link org.cellbank.ims.http.HttpResponse#error(int, String)}.
 */
package org.cellbank.ims.http;
