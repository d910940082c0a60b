/**
 * Media storage on Amazon S3: the S3 implementation of the core media port.
 */
package org.cellbank.ims.aws.storage;
