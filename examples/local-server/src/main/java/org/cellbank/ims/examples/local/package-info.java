/**
 * The local server: the whole IMS on one machine, served through the Lambda handler.
 */
package org.cellbank.ims.examples.local;
