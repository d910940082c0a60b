/**
 * The public catalogue website as static files: the search page, one page per cell line, the 404
 * page, {@code sitemap.xml} and {@code robots.txt}, rendered by {@link org.cellbank.ims.core.site.SiteGenerator}
 * into a {@link org.cellbank.ims.core.site.SiteStore} (a folder, or the site bucket on AWS).
 */
package org.cellbank.ims.core.site;
