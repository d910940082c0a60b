/**
 * The root of the IMS core: the exception hierarchy shared by every module.
 */
package org.cellbank.ims.core;
