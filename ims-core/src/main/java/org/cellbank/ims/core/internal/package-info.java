/**
 * Implementation details of the IMS core: not API, may change in any release.
 */
package org.cellbank.ims.core.internal;
