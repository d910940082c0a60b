package org.cellbank.ims.core.internal;

import static org.cellbank.ims.core.internal.db.Tables.BATCH;
import static org.cellbank.ims.core.internal.db.Tables.BATCH_CULTURE_CONDITIONS;
import static org.cellbank.ims.core.internal.db.Tables.BATCH_IMAGE;
import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE;
import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE_DISEASE;
import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE_INFORMATION_PACK;
import static org.cellbank.ims.core.internal.db.Tables.CELL_LINE_STATUS;
import static org.cellbank.ims.core.internal.db.Tables.CELL_TYPE;
import static org.cellbank.ims.core.internal.db.Tables.CHARACTERISATION;
import static org.cellbank.ims.core.internal.db.Tables.COUNTRY;
import static org.cellbank.ims.core.internal.db.Tables.CULTURE_CONDITIONS;
import static org.cellbank.ims.core.internal.db.Tables.CULTURE_MEDIUM_OTHER;
import static org.cellbank.ims.core.internal.db.Tables.CULTURE_MEDIUM_SUPPLEMENT;
import static org.cellbank.ims.core.internal.db.Tables.DERIVATION;
import static org.cellbank.ims.core.internal.db.Tables.DISEASE_GENOTYPE;
import static org.cellbank.ims.core.internal.db.Tables.DONOR;
import static org.cellbank.ims.core.internal.db.Tables.DONOR_DISEASE;
import static org.cellbank.ims.core.internal.db.Tables.DONOR_DISEASE_VARIANT;
import static org.cellbank.ims.core.internal.db.Tables.DONOR_GENOME_ANALYSIS;
import static org.cellbank.ims.core.internal.db.Tables.GENDER;
import static org.cellbank.ims.core.internal.db.Tables.GENETIC_MODIFICATION;
import static org.cellbank.ims.core.internal.db.Tables.GENOME_ANALYSIS;
import static org.cellbank.ims.core.internal.db.Tables.KARYOTYPE;
import static org.cellbank.ims.core.internal.db.Tables.ORGANISATION;
import static org.cellbank.ims.core.internal.db.Tables.PLURITEST;
import static org.cellbank.ims.core.internal.db.Tables.PUBLICATION;
import static org.cellbank.ims.core.internal.db.Tables.REPROGRAMMING_VECTOR;
import static org.cellbank.ims.core.internal.db.Tables.REPROGRAMMING_VECTOR_GENE;
import static org.cellbank.ims.core.internal.db.Tables.TRANSPOSON;
import static org.cellbank.ims.core.internal.db.Tables.UNIT;
import static org.cellbank.ims.core.internal.db.Tables.VECTOR_FREE_FACTOR;
import static org.cellbank.ims.core.internal.db.Tables.VECTOR_FREE_FACTOR_MOLECULE;
import static org.cellbank.ims.core.internal.db.Tables.VECTOR_FREE_FACTOR_TYPE;
import static org.cellbank.ims.core.internal.db.Tables.VIAL;
import static org.cellbank.ims.core.internal.db.Tables.VIRUS;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.internal.db.tables.records.CellLineRecord;
import org.cellbank.ims.core.internal.db.tables.records.DonorRecord;
import org.cellbank.ims.core.internal.db.tables.records.GeneticModificationRecord;
import org.cellbank.ims.core.model.Batch;
import org.cellbank.ims.core.model.CellLine;
import org.cellbank.ims.core.model.CellLineDisease;
import org.cellbank.ims.core.model.Donor;
import org.cellbank.ims.core.model.DonorDisease;
import org.cellbank.ims.core.model.GeneticModification;
import org.cellbank.ims.core.model.IntegratingVector;
import org.cellbank.ims.core.model.NonIntegratingVector;
import org.cellbank.ims.core.model.ReprogrammingVector;
import org.cellbank.ims.core.model.ScreeningResult;
import org.cellbank.ims.core.model.StatusEntry;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.TableRecord;

/**
 * Writes cell-line aggregates inside one transaction: inserts a whole aggregate, or replaces only
 * the parts of an existing one that differ, so an unchanged aggregate costs no write. Internal;
 * one instance per transaction.
 */
public final class CellLineWriter {

  /** The independently replaceable registry parts of a cell line. */
  enum Part {
    DISEASES(CellLine::diseases),
    NON_DISEASE_MODIFICATIONS(CellLine::nonDiseaseModifications),
    DERIVATION_PART(CellLine::derivation),
    REPROGRAMMING(CellLine::reprogrammingVector),
    VECTOR_FREE(CellLine::vectorFreeFactors),
    CULTURE(CellLine::cultureConditions),
    CHARACTERISATION_PART(CellLine::characterisation),
    PLURITEST_PART(CellLine::pluritest),
    KARYOTYPE_PART(CellLine::karyotype),
    DISEASE_GENOTYPE_PART(CellLine::diseaseGenotype),
    GENOMES(CellLine::genomeAnalyses),
    PUBLICATIONS(CellLine::publications);

    private final Function<CellLine, Object> value;

    Part(Function<CellLine, Object> value) {
      this.value = value;
    }
  }

  private final DSLContext tx;
  private final AggregateReader reader;
  private final Vocabulary vocabulary;

  /** A writer inside the transaction {@code tx}; {@code reader} reads stored aggregates on its connection. */
  public CellLineWriter(DSLContext tx, AggregateReader reader) {
    this.tx = tx;
    this.reader = reader;
    this.vocabulary = new Vocabulary(tx);
  }

  /** Inserts a whole aggregate, including its status log, information packs and batches. */
  public long insert(CellLine line) {
    Long donorId = line.donor() == null ? null : writeDonor(line.donor(), true);
    CellLineRecord rec = tx.newRecord(CELL_LINE);
    putScalars(rec, line, donorId);
    rec.setVersion(0L);
    rec.insert();
    long id = rec.getId();
    for (Part part : Part.values()) {
      writePart(id, part, line);
    }
    insertStatuses(id, line.statusLog());
    List<TableRecord<?>> clips = new ArrayList<>();
    for (var clip : line.informationPacks()) {
      var c = tx.newRecord(CELL_LINE_INFORMATION_PACK);
      c.setCellLineId(id);
      c.setVersion(clip.version());
      c.setFileKey(clip.file().key());
      c.setMd5(clip.file().md5());
      c.setUploadedAt(time(clip.updatedAt()));
      clips.add(c);
    }
    batchInsert(clips);
    for (Batch batch : line.batches()) {
      insertBatch(id, batch);
    }
    return id;
  }

  /**
   * Brings the stored line {@code id} from {@code existing} to {@code desired}: scalars, the
   * donor, and each registry part that differs. Status log, information packs and batches are
   * not touched. Returns whether anything was written (the version then moves on by one).
   */
  public boolean update(long id, CellLine existing, CellLine desired) {
    boolean changed = false;
    Long donorId = null;
    if (desired.donor() != null) {
      donorId = Objects.equals(existing.donor(), desired.donor())
          ? tx.select(DONOR.ID).from(DONOR).where(DONOR.BIOSAMPLES_ID.eq(desired.donor().biosamplesId())).fetchOne(DONOR.ID)
          : writeDonor(desired.donor(), false);
    }
    for (Part part : Part.values()) {
      if (!Objects.equals(part.value.apply(existing), part.value.apply(desired))) {
        deletePart(id, part);
        writePart(id, part, desired);
        changed = true;
      }
    }
    CellLineRecord rec = tx.selectFrom(CELL_LINE).where(CELL_LINE.ID.eq(id)).fetchSingle();
    // A new name, hPSCreg id or ECACC number: the lock a correction to the same value takes too.
    lockNewValue(IdentifierLocks.NAME, rec.getName(), desired.name());
    lockNewValue(IdentifierLocks.HPSCREG_ID, rec.getHpscregId(), desired.hpscregId());
    lockNewValue(IdentifierLocks.ECACC_ID, rec.getEcaccId(), desired.ecaccId());
    boolean scalarsChanged = putScalars(rec, desired, donorId);
    if (changed || scalarsChanged || !Objects.equals(existing.donor(), desired.donor())) {
      rec.setVersion(rec.getVersion() + 1);
      rec.update();
      return true;
    }
    return false;
  }

  private void lockNewValue(int field, String stored, String wanted) {
    if (wanted != null && !wanted.equals(stored)) {
      tx.resultQuery(IdentifierLocks.SQL, IdentifierLocks.key(field), wanted).fetch();
    }
  }

  /** Appends a status entry and points the line at its newest status. */
  public void appendStatus(long id, StatusEntry entry) {
    insertStatuses(id, List.of(entry));
  }

  /** Inserts a batch of the line {@code lineId} with its culture conditions, images and vials. */
  public long insertBatch(long lineId, Batch batch) {
    var b = tx.newRecord(BATCH);
    b.setCellLineId(lineId);
    b.setBatchNo(batch.batchId());
    b.setBiosamplesId(batch.biosamplesId());
    b.setBatchType(batch.type().code());
    b.setVialsAtRoslin(batch.vialsAtCentralFacility());
    b.setVialsShippedToEcacc(batch.vialsShippedToEcacc());
    b.setVialsShippedToFraunhoffer(batch.vialsShippedToFraunhofer());
    if (batch.certificateOfAnalysis() != null) {
      b.setCoaFileKey(batch.certificateOfAnalysis().key());
      b.setCoaMd5(batch.certificateOfAnalysis().md5());
    }
    b.setVersion(0L);
    b.insert();
    long batchId = b.getId();
    if (batch.cultureConditions() != null) {
      var c = batch.cultureConditions();
      var cc = tx.newRecord(BATCH_CULTURE_CONDITIONS);
      cc.setBatchId(batchId);
      cc.setCultureMedium(c.cultureMedium());
      cc.setPassageMethod(c.passageMethod());
      cc.setMatrix(c.matrix());
      cc.setO2Concentration(c.o2Concentration());
      cc.setCo2Concentration(c.co2Concentration());
      cc.setTemperature(c.temperature());
      cc.insert();
    }
    List<TableRecord<?>> children = new ArrayList<>();
    for (var image : batch.images()) {
      var i = tx.newRecord(BATCH_IMAGE);
      i.setBatchId(batchId);
      i.setFileKey(image.file().key());
      i.setMd5(image.file().md5());
      i.setMagnification(image.magnification());
      i.setTimePoint(image.timePoint());
      children.add(i);
    }
    for (var vial : batch.vials()) {
      var v = tx.newRecord(VIAL);
      v.setBatchId(batchId);
      v.setBiosamplesId(vial.biosamplesId());
      v.setName(vial.name());
      v.setNumber(vial.number());
      v.setDerivedFrom(vial.derivedFrom());
      children.add(v);
    }
    batchInsert(children);
    return batchId;
  }

  private boolean putScalars(CellLineRecord rec, CellLine line, Long donorId) {
    Long parentId = null;
    if (line.derivedFrom() != null) {
      parentId = tx.select(CELL_LINE.ID).from(CELL_LINE).where(CELL_LINE.BIOSAMPLES_ID.eq(line.derivedFrom()))
          .fetchOne(CELL_LINE.ID);
      if (parentId == null) {
        throw new ValidationException("cell line " + line.biosamplesId() + " is derived from " + line.derivedFrom()
            + ", which is not stored: store the parent line first");
      }
    }
    boolean changed = false;
    changed |= put(rec, CELL_LINE.NAME, line.name());
    changed |= put(rec, CELL_LINE.BIOSAMPLES_ID, line.biosamplesId());
    changed |= put(rec, CELL_LINE.ALTERNATIVE_NAMES, line.alternativeNames().toArray(String[]::new));
    changed |= put(rec, CELL_LINE.HPSCREG_ID, line.hpscregId());
    changed |= put(rec, CELL_LINE.ECACC_ID, line.ecaccId());
    changed |= put(rec, CELL_LINE.VALIDATION_STATUS, line.validationStatus().code());
    changed |= put(rec, CELL_LINE.AVAILABLE_FOR_SALE, line.availableForSale());
    changed |= put(rec, CELL_LINE.AVAILABLE_FOR_SALE_AT_ECACC, line.availableForSaleAtEcacc());
    changed |= put(rec, CELL_LINE.DONOR_ID, donorId);
    changed |= put(rec, CELL_LINE.DONOR_AGE_ID, vocabulary.ageRange(line.donorAge()));
    changed |= put(rec, CELL_LINE.GENERATOR_ID, vocabulary.id(ORGANISATION, ORGANISATION.NAME, ORGANISATION.ID, line.depositor()));
    changed |= put(rec, CELL_LINE.OWNER_ID, vocabulary.id(ORGANISATION, ORGANISATION.NAME, ORGANISATION.ID, line.owner()));
    changed |= put(rec, CELL_LINE.DERIVATION_COUNTRY_ID, vocabulary.id(COUNTRY, COUNTRY.NAME, COUNTRY.ID, line.derivationCountry()));
    changed |= put(rec, CELL_LINE.HAS_DISEASES, line.hasDiseases());
    changed |= put(rec, CELL_LINE.DISEASE_ASSOCIATED_PHENOTYPES, line.diseaseAssociatedPhenotypes().toArray(String[]::new));
    changed |= put(rec, CELL_LINE.NON_DISEASE_ASSOCIATED_PHENOTYPES, line.nonDiseaseAssociatedPhenotypes().toArray(String[]::new));
    changed |= put(rec, CELL_LINE.HAS_GENETIC_MODIFICATION, line.hasGeneticModification());
    changed |= put(rec, CELL_LINE.DERIVED_FROM_ID, parentId);
    changed |= put(rec, CELL_LINE.PUBLIC_NOTES, line.publicNotes());
    return changed;
  }

  /** Sets a field only when its value differs; returns whether it did. */
  private static <T> boolean put(Record rec, Field<T> field, T value) {
    if (Objects.deepEquals(rec.get(field), value)) {
      return false;
    }
    rec.set(field, value);
    return true;
  }

  private long writeDonor(Donor donor, boolean keepUnchangedChildren) {
    DonorRecord rec = tx.selectFrom(DONOR).where(DONOR.BIOSAMPLES_ID.eq(donor.biosamplesId())).forUpdate().fetchOne();
    boolean created = rec == null;
    if (created) {
      rec = tx.newRecord(DONOR);
      rec.setVersion(0L);
    }
    boolean changed = false;
    changed |= put(rec, DONOR.BIOSAMPLES_ID, donor.biosamplesId());
    changed |= put(rec, DONOR.GENDER_ID, vocabulary.id(GENDER, GENDER.NAME, GENDER.ID, donor.gender()));
    changed |= put(rec, DONOR.INTERNAL_DONOR_IDS, donor.internalDonorIds().toArray(String[]::new));
    changed |= put(rec, DONOR.COUNTRY_OF_ORIGIN_ID, vocabulary.id(COUNTRY, COUNTRY.NAME, COUNTRY.ID, donor.countryOfOrigin()));
    changed |= put(rec, DONOR.ETHNICITY, donor.ethnicity());
    changed |= put(rec, DONOR.FAMILY_HISTORY, donor.familyHistory());
    changed |= put(rec, DONOR.MEDICAL_HISTORY, donor.medicalHistory());
    changed |= put(rec, DONOR.CLINICAL_INFORMATION, donor.clinicalInformation());
    changed |= put(rec, DONOR.KARYOTYPE, donor.karyotype());
    changed |= put(rec, DONOR.KARYOTYPE_METHOD, donor.karyotypeMethod());
    if (created) {
      rec.insert();
    } else if (changed) {
      rec.setVersion(rec.getVersion() + 1);
      rec.update();
    }
    long donorId = rec.getId();
    if (!created && keepUnchangedChildren && sameDonorChildren(donorId, donor)) {
      return donorId;
    }
    if (!created) {
      tx.deleteFrom(DONOR_DISEASE).where(DONOR_DISEASE.DONOR_ID.eq(donorId)).execute();
      tx.deleteFrom(DONOR_GENOME_ANALYSIS).where(DONOR_GENOME_ANALYSIS.DONOR_ID.eq(donorId)).execute();
    }
    List<TableRecord<?>> variants = new ArrayList<>();
    for (DonorDisease d : donor.diseases()) {
      var dd = tx.newRecord(DONOR_DISEASE);
      dd.setDonorId(donorId);
      dd.setDiseaseId(vocabulary.disease(d.disease()));
      dd.setFreeTextName(d.freeTextName());
      dd.setPrimaryDisease(d.primary());
      dd.setDiseaseStage(d.stage());
      dd.setAffectedStatus(d.affectedStatus());
      dd.setCarrier(d.carrier());
      dd.setNotes(d.notes());
      dd.insert();
      for (var v : d.variants()) {
        var vr = tx.newRecord(DONOR_DISEASE_VARIANT);
        vr.setDonorDiseaseId(dd.getId());
        vr.setVariantId(v.variantId());
        vr.setGeneId(vocabulary.gene(v.gene()));
        vr.setChromosomeLocation(v.chromosomeLocation());
        vr.setNucleotideSequenceHgvs(v.nucleotideSequenceHgvs());
        vr.setProteinSequenceHgvs(v.proteinSequenceHgvs());
        vr.setZygosityStatus(v.zygosityStatus());
        vr.setClinvarId(v.clinvarId());
        vr.setDbsnpId(v.dbsnpId());
        vr.setDbvarId(v.dbvarId());
        vr.setPublicationPmid(v.publicationPmid());
        vr.setNotes(v.notes());
        variants.add(vr);
      }
    }
    for (var g : donor.genomeAnalyses()) {
      var gr = tx.newRecord(DONOR_GENOME_ANALYSIS);
      gr.setDonorId(donorId);
      gr.setAnalysisMethod(g.analysisMethod());
      gr.setLink(g.link());
      variants.add(gr);
    }
    batchInsert(variants);
    return donorId;
  }

  // A sibling line names a donor that is stored already: rewrite its diseases only if they differ.
  private boolean sameDonorChildren(long donorId, Donor donor) {
    Donor stored = tx.connectionResult(c -> reader.firstLineOfDonor(c, donorId)).map(CellLine::donor).orElse(null);
    return stored != null && stored.diseases().equals(donor.diseases())
        && stored.genomeAnalyses().equals(donor.genomeAnalyses());
  }

  private void deletePart(long id, Part part) {
    switch (part) {
      case DISEASES -> tx.deleteFrom(CELL_LINE_DISEASE).where(CELL_LINE_DISEASE.CELL_LINE_ID.eq(id)).execute();
      case NON_DISEASE_MODIFICATIONS -> tx.deleteFrom(GENETIC_MODIFICATION).where(GENETIC_MODIFICATION.CELL_LINE_ID.eq(id)).execute();
      case DERIVATION_PART -> tx.deleteFrom(DERIVATION).where(DERIVATION.CELL_LINE_ID.eq(id)).execute();
      case REPROGRAMMING -> tx.deleteFrom(REPROGRAMMING_VECTOR).where(REPROGRAMMING_VECTOR.CELL_LINE_ID.eq(id)).execute();
      case VECTOR_FREE -> tx.deleteFrom(VECTOR_FREE_FACTOR).where(VECTOR_FREE_FACTOR.CELL_LINE_ID.eq(id)).execute();
      case CULTURE -> tx.deleteFrom(CULTURE_CONDITIONS).where(CULTURE_CONDITIONS.CELL_LINE_ID.eq(id)).execute();
      case CHARACTERISATION_PART -> tx.deleteFrom(CHARACTERISATION).where(CHARACTERISATION.CELL_LINE_ID.eq(id)).execute();
      case PLURITEST_PART -> tx.deleteFrom(PLURITEST).where(PLURITEST.CELL_LINE_ID.eq(id)).execute();
      case KARYOTYPE_PART -> tx.deleteFrom(KARYOTYPE).where(KARYOTYPE.CELL_LINE_ID.eq(id)).execute();
      case DISEASE_GENOTYPE_PART -> tx.deleteFrom(DISEASE_GENOTYPE).where(DISEASE_GENOTYPE.CELL_LINE_ID.eq(id)).execute();
      case GENOMES -> tx.deleteFrom(GENOME_ANALYSIS).where(GENOME_ANALYSIS.CELL_LINE_ID.eq(id)).execute();
      case PUBLICATIONS -> tx.deleteFrom(PUBLICATION).where(PUBLICATION.CELL_LINE_ID.eq(id)).execute();
      default -> throw new IllegalStateException(part.name());
    }
  }

  private void writePart(long id, Part part, CellLine line) {
    switch (part) {
      case DISEASES -> writeDiseases(id, line.diseases());
      case NON_DISEASE_MODIFICATIONS -> {
        List<TableRecord<?>> mods = new ArrayList<>();
        for (GeneticModification m : line.nonDiseaseModifications()) {
          GeneticModificationRecord r = modification(m);
          r.setCellLineId(id);
          mods.add(r);
        }
        batchInsert(mods);
      }
      case DERIVATION_PART -> writeDerivation(id, line);
      case REPROGRAMMING -> writeReprogramming(id, line.reprogrammingVector());
      case VECTOR_FREE -> {
        for (var f : line.vectorFreeFactors()) {
          var fr = tx.newRecord(VECTOR_FREE_FACTOR);
          fr.setCellLineId(id);
          fr.setFactorTypeId(vocabulary.id(VECTOR_FREE_FACTOR_TYPE, VECTOR_FREE_FACTOR_TYPE.NAME,
              VECTOR_FREE_FACTOR_TYPE.ID, f.factor()));
          fr.insert();
          List<TableRecord<?>> molecules = new ArrayList<>();
          for (String m : f.molecules()) {
            var mr = tx.newRecord(VECTOR_FREE_FACTOR_MOLECULE);
            mr.setVectorFreeFactorId(fr.getId());
            mr.setName(m);
            molecules.add(mr);
          }
          batchInsert(molecules);
        }
      }
      case CULTURE -> writeCulture(id, line);
      case CHARACTERISATION_PART -> {
        var c = line.characterisation();
        if (c != null) {
          var r = tx.newRecord(CHARACTERISATION);
          r.setCellLineId(id);
          r.setCertificateOfAnalysisFlag(c.certificateOfAnalysisFlag());
          r.setCertificateOfAnalysisPassageNumber(c.certificateOfAnalysisPassageNumber());
          r.setVirologyScreeningFlag(c.virologyScreeningFlag());
          r.setScreeningHiv1(code(c.hiv1()));
          r.setScreeningHiv2(code(c.hiv2()));
          r.setScreeningHepatitisB(code(c.hepatitisB()));
          r.setScreeningHepatitisC(code(c.hepatitisC()));
          r.setScreeningMycoplasma(code(c.mycoplasma()));
          r.insert();
        }
      }
      case PLURITEST_PART -> {
        var p = line.pluritest();
        if (p != null) {
          var r = tx.newRecord(PLURITEST);
          r.setCellLineId(id);
          r.setPluritestFlag(p.pluritestFlag());
          r.setPluripotencyScore(p.pluripotencyScore());
          r.setNoveltyScore(p.noveltyScore());
          r.setMicroarrayUrl(p.microarrayUrl());
          r.insert();
        }
      }
      case KARYOTYPE_PART -> {
        var k = line.karyotype();
        if (k != null) {
          var r = tx.newRecord(KARYOTYPE);
          r.setCellLineId(id);
          r.setKaryotype(k.karyotype());
          r.setKaryotypeMethod(k.method());
          r.setPassageNumber(k.passageNumber());
          r.insert();
        }
      }
      case DISEASE_GENOTYPE_PART -> {
        var g = line.diseaseGenotype();
        if (g != null) {
          var r = tx.newRecord(DISEASE_GENOTYPE);
          r.setCellLineId(id);
          r.setCarriesDiseasePhenotypeAssociatedVariants(g.carriesDiseasePhenotypeAssociatedVariants());
          r.setVariantOfInterest(g.variantOfInterest());
          r.insert();
        }
      }
      case GENOMES -> {
        List<TableRecord<?>> rows = new ArrayList<>();
        for (var g : line.genomeAnalyses()) {
          var r = tx.newRecord(GENOME_ANALYSIS);
          r.setCellLineId(id);
          r.setAnalysisMethod(g.analysisMethod());
          r.setLink(g.link());
          rows.add(r);
        }
        batchInsert(rows);
      }
      case PUBLICATIONS -> {
        List<TableRecord<?>> rows = new ArrayList<>();
        for (var p : line.publications()) {
          var r = tx.newRecord(PUBLICATION);
          r.setCellLineId(id);
          r.setReferenceType(p.referenceType());
          r.setReferenceId(p.referenceId());
          r.setReferenceUrl(p.referenceUrl());
          r.setReferenceTitle(p.title());
          rows.add(r);
        }
        batchInsert(rows);
      }
      default -> throw new IllegalStateException(part.name());
    }
  }

  private void writeDiseases(long id, List<CellLineDisease> diseases) {
    List<TableRecord<?>> mods = new ArrayList<>();
    for (CellLineDisease d : diseases) {
      var r = tx.newRecord(CELL_LINE_DISEASE);
      r.setCellLineId(id);
      r.setDiseaseId(vocabulary.disease(d.disease()));
      r.setFreeTextName(d.freeTextName());
      r.setPrimaryDisease(d.primary());
      r.setNotes(d.notes());
      r.insert();
      for (GeneticModification m : d.modifications()) {
        GeneticModificationRecord mr = modification(m);
        mr.setCellLineDiseaseId(r.getId());
        mods.add(mr);
      }
    }
    batchInsert(mods);
  }

  private GeneticModificationRecord modification(GeneticModification m) {
    var r = tx.newRecord(GENETIC_MODIFICATION);
    r.setKind(m.kind().code());
    r.setModificationId(m.modificationId());
    r.setGeneId(vocabulary.gene(m.gene()));
    r.setTransgeneId(vocabulary.gene(m.transgene()));
    r.setChromosomeLocation(m.chromosomeLocation());
    r.setChromosomeLocationTransgene(m.chromosomeLocationTransgene());
    r.setNucleotideSequenceHgvs(m.nucleotideSequenceHgvs());
    r.setProteinSequenceHgvs(m.proteinSequenceHgvs());
    r.setZygosityStatus(m.zygosityStatus());
    r.setClinvarId(m.clinvarId());
    r.setDbsnpId(m.dbsnpId());
    r.setDbvarId(m.dbvarId());
    r.setPublicationPmid(m.publicationPmid());
    r.setModificationType(m.modificationType());
    r.setDeliveryMethod(m.deliveryMethod());
    r.setVirusId(vocabulary.id(VIRUS, VIRUS.NAME, VIRUS.ID, m.virus()));
    r.setTransposonId(vocabulary.id(TRANSPOSON, TRANSPOSON.NAME, TRANSPOSON.ID, m.transposon()));
    r.setNotes(m.notes());
    return r;
  }

  private void writeDerivation(long id, CellLine line) {
    var d = line.derivation();
    if (d == null) {
      return;
    }
    var r = tx.newRecord(DERIVATION);
    r.setCellLineId(id);
    r.setPrimaryCellTypeId(vocabulary.id(CELL_TYPE, CELL_TYPE.NAME, CELL_TYPE.ID, d.primaryCellType()));
    r.setPrimaryCellTypeFreeText(d.primaryCellTypeFreeText());
    r.setPrimaryCellLine(d.primaryCellLine());
    r.setPrimaryCellLineVendor(d.primaryCellLineVendor());
    r.setPrimaryCellDevelopmentalStage(d.primaryCellDevelopmentalStage());
    r.setTissueProcurementLocation(d.tissueProcurementLocation());
    r.setTissueCollectionDate(d.tissueCollectionDate());
    r.setTissueCollectionYear(d.tissueCollectionYear());
    r.setReprogrammingPassageNumber(d.reprogrammingPassageNumber());
    r.setSelectionCriteriaForClones(d.selectionCriteriaForClones());
    r.setXenoFreeConditions(d.xenoFreeConditions());
    r.setDerivedUnderGmp(d.derivedUnderGmp());
    r.setAvailableAsClinicalGrade(d.availableAsClinicalGrade());
    r.insert();
  }

  private void writeReprogramming(long id, ReprogrammingVector vector) {
    if (vector == null) {
      return;
    }
    var r = tx.newRecord(REPROGRAMMING_VECTOR);
    r.setCellLineId(id);
    r.setKind(vector.kind());
    r.setVectorTypeId(vocabulary.vectorType(vector.kind(), vector.vector()));
    r.setMethods(vector.methods().toArray(String[]::new));
    if (vector instanceof IntegratingVector v) {
      r.setVirusId(vocabulary.id(VIRUS, VIRUS.NAME, VIRUS.ID, v.virus()));
      r.setTransposonId(vocabulary.id(TRANSPOSON, TRANSPOSON.NAME, TRANSPOSON.ID, v.transposon()));
      r.setExcisable(v.excisable());
      r.setAbsenceReprogrammingVectors(v.absenceOfReprogrammingVectors());
      r.setSilencedOrDetectable(v.silenced().code());
      r.setNotes(v.silencingNotes());
    } else if (vector instanceof NonIntegratingVector v) {
      r.setSilencedOrDetectable(v.detectable().code());
      r.setNotes(v.detectionNotes());
    }
    r.insert();
    List<TableRecord<?>> genes = new ArrayList<>();
    for (String gene : new java.util.LinkedHashSet<>(vector.genes())) {
      var g = tx.newRecord(REPROGRAMMING_VECTOR_GENE);
      g.setReprogrammingVectorId(r.getId());
      g.setMoleculeId(vocabulary.gene(gene));
      genes.add(g);
    }
    batchInsert(genes);
  }

  private void writeCulture(long id, CellLine line) {
    var c = line.cultureConditions();
    if (c == null) {
      return;
    }
    var r = tx.newRecord(CULTURE_CONDITIONS);
    r.setCellLineId(id);
    r.setSurfaceCoating(c.surfaceCoating());
    r.setFeederCellType(c.feederCellType());
    r.setFeederCellId(c.feederCellId());
    r.setPassageMethod(c.passageMethod());
    r.setEnzymatically(c.enzymatically());
    r.setEnzymeFree(c.enzymeFree());
    r.setO2Concentration(c.o2Concentration());
    r.setCo2Concentration(c.co2Concentration());
    r.setOtherCultureEnvironment(c.otherCultureEnvironment());
    r.setCultureMedium(c.cultureMedium());
    r.setPassageNumberBanked(c.passageNumberBanked());
    r.setNumberOfVialsBanked(c.numberOfVialsBanked());
    r.setPassageHistory(c.passageHistory());
    r.setCultureHistory(c.cultureHistory());
    r.setRockInhibitorUsedAtPassage(c.rockInhibitorUsedAtPassage().code());
    r.setRockInhibitorUsedAtCryo(c.rockInhibitorUsedAtCryo().code());
    r.setRockInhibitorUsedAtThaw(c.rockInhibitorUsedAtThaw().code());
    r.insert();
    List<TableRecord<?>> rows = new ArrayList<>();
    if (c.otherMedium() != null) {
      var o = tx.newRecord(CULTURE_MEDIUM_OTHER);
      o.setCultureConditionsId(r.getId());
      o.setBase(c.otherMedium().base());
      o.setProteinSource(c.otherMedium().proteinSource());
      o.setSerumConcentration(c.otherMedium().serumConcentration());
      rows.add(o);
    }
    for (var s : c.supplements()) {
      var sr = tx.newRecord(CULTURE_MEDIUM_SUPPLEMENT);
      sr.setCultureConditionsId(r.getId());
      sr.setSupplement(s.supplement());
      sr.setAmount(s.amount());
      sr.setUnitId(vocabulary.id(UNIT, UNIT.NAME, UNIT.ID, s.unit()));
      rows.add(sr);
    }
    batchInsert(rows);
  }

  private void insertStatuses(long id, List<StatusEntry> newestFirst) {
    if (newestFirst.isEmpty()) {
      return;
    }
    List<TableRecord<?>> rows = new ArrayList<>();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      StatusEntry s = newestFirst.get(i);
      var r = tx.newRecord(CELL_LINE_STATUS);
      r.setCellLineId(id);
      r.setStatus(s.status().code());
      r.setComment(s.comment());
      r.setAuthor(s.author());
      r.setChangedAt(time(s.changedAt()));
      rows.add(r);
    }
    batchInsert(rows);
    tx.update(CELL_LINE)
        .set(CELL_LINE.CURRENT_STATUS_ID, tx.select(CELL_LINE_STATUS.ID).from(CELL_LINE_STATUS)
            .where(CELL_LINE_STATUS.CELL_LINE_ID.eq(id))
            .orderBy(CELL_LINE_STATUS.CHANGED_AT.desc(), CELL_LINE_STATUS.ID.desc())
            .limit(1).<Long>asField())
        .where(CELL_LINE.ID.eq(id))
        .execute();
  }

  private void batchInsert(List<TableRecord<?>> rows) {
    if (rows.size() == 1) {
      rows.get(0).insert();
    } else if (!rows.isEmpty()) {
      tx.batchInsert(rows).execute();
    }
  }

  private static String code(ScreeningResult result) {
    return result == null ? null : result.code();
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

}
