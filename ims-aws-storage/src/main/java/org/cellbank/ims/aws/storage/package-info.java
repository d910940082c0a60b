/**
 * Media storage on Amazon S3 (and S3-compatible servers): {@link
 * org.cellbank.ims.aws.storage.S3MediaStore}, the S3 implementation of the core {@code MediaStore}
 * port.
 */
package org.cellbank.ims.aws.storage;
