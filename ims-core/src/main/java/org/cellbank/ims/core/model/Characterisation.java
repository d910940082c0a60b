package org.cellbank.ims.core.model;

import java.util.Objects;

/**
 * The characterisation of a cell line: certificate-of-analysis flag and virology screening.
 *
 * @param certificateOfAnalysisFlag whether a certificate of analysis exists; may be null
 * @param certificateOfAnalysisPassageNumber the passage of the certificate of analysis; may be null
 * @param virologyScreeningFlag whether virology screening was done; may be null
 * @param hiv1 HIV-1 screening; may be null
 * @param hiv2 HIV-2 screening; may be null
 * @param hepatitisB hepatitis B screening; may be null
 * @param hepatitisC hepatitis C screening; may be null
 * @param mycoplasma mycoplasma screening; may be null
 */
public record Characterisation(
    Boolean certificateOfAnalysisFlag,
    String certificateOfAnalysisPassageNumber,
    Boolean virologyScreeningFlag,
    ScreeningResult hiv1,
    ScreeningResult hiv2,
    ScreeningResult hepatitisB,
    ScreeningResult hepatitisC,
    ScreeningResult mycoplasma) {

  /** Validates the components and copies the lists. */
  public Characterisation {
  }
}
