/**
 * The IMS schema migrations and the repositories that read and write the catalogue.
 */
package org.cellbank.ims.core.db;
