/**
 * API users, their keys and the HTTP filter that checks them.
 *
 * <p>{@link org.cellbank.ims.core.auth.ApiKeys} creates users with a {@link org.cellbank.ims.core.auth.Role},
 * issues, lists and revokes keys, and authenticates a username and key. Only a SHA-256 hash of each
 * key is stored: the plaintext exists once, in the {@link org.cellbank.ims.core.auth.IssuedKey} that
 * {@code issue} returns. {@link org.cellbank.ims.core.auth.ApiKeyAuthentication} is the
 * {@link org.cellbank.ims.http.HttpFilter} that reads the credentials of the partner API
 * ({@code Authorization: ApiKey <username>:<key>}, or the {@code username} and {@code api_key}
 * query parameters) and hands the {@link org.cellbank.ims.core.auth.ApiPrincipal} to handlers.
 *
 * <pre>{@code
 * ApiKeys keys = ApiKeys.create(dataSource);
 * keys.createUser("ecacc", Role.PARTNER);
 * IssuedKey issued = keys.issue("ecacc");   // show issued.key() once; it cannot be read again
 * Router router = Router.builder()
 *     .filter(ApiKeyAuthentication.requiring(keys, Role.PARTNER))
 *     .get("/api/v0/cell-lines", request -> ...)
 *     .build();
 * }</pre>
 */
package org.cellbank.ims.core.auth;
