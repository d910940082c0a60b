package org.cellbank.ims.core.internal;

import static org.cellbank.ims.core.internal.db.Tables.AGE_RANGE;
import static org.cellbank.ims.core.internal.db.Tables.DISEASE;
import static org.cellbank.ims.core.internal.db.Tables.MOLECULE;
import static org.cellbank.ims.core.internal.db.Tables.VECTOR_TYPE;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.cellbank.ims.core.ValidationException;
import org.cellbank.ims.core.model.Disease;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * Get-or-create of vocabulary terms by name inside one transaction, with a cache so each term
 * costs at most one lookup per write. Internal; not thread-safe (one per transaction).
 */
final class Vocabulary {

  private final DSLContext tx;
  private final Map<String, Long> cache = new HashMap<>();

  Vocabulary(DSLContext tx) {
    this.tx = tx;
  }

  /** The id of the term named {@code name} in a (name UNIQUE) vocabulary table, created if missing. */
  <R extends Record> Long id(Table<R> table, TableField<R, String> nameField, TableField<R, Long> idField, String name) {
    if (name == null) {
      return null;
    }
    return cache.computeIfAbsent(table.getName() + "\u0000" + name, k -> {
      Long id = tx.select(idField).from(table).where(nameField.eq(name)).fetchOne(idField);
      if (id != null) {
        return id;
      }
      id = tx.insertInto(table).set(nameField, name).onConflictDoNothing().returning(idField).fetchOne(idField);
      return id != null ? id : tx.select(idField).from(table).where(nameField.eq(name)).fetchOne(idField);
    });
  }

  /** The id of a gene, created if missing. */
  Long gene(String name) {
    if (name == null) {
      return null;
    }
    return cache.computeIfAbsent("molecule\u0000" + name, k -> {
      var cond = MOLECULE.NAME.eq(name).and(MOLECULE.KIND.eq("gene"));
      Long id = tx.select(MOLECULE.ID).from(MOLECULE).where(cond).fetchOne(MOLECULE.ID);
      if (id != null) {
        return id;
      }
      id = tx.insertInto(MOLECULE).set(MOLECULE.NAME, name).set(MOLECULE.KIND, "gene")
          .onConflictDoNothing().returning(MOLECULE.ID).fetchOne(MOLECULE.ID);
      return id != null ? id : tx.select(MOLECULE.ID).from(MOLECULE).where(cond).fetchOne(MOLECULE.ID);
    });
  }

  /** The id of a vector type of the given kind, created if missing. */
  Long vectorType(String kind, String name) {
    if (name == null) {
      return null;
    }
    return cache.computeIfAbsent("vector_type\u0000" + kind + "\u0000" + name, k -> {
      var cond = VECTOR_TYPE.NAME.eq(name).and(VECTOR_TYPE.KIND.eq(kind));
      Long id = tx.select(VECTOR_TYPE.ID).from(VECTOR_TYPE).where(cond).fetchOne(VECTOR_TYPE.ID);
      if (id != null) {
        return id;
      }
      id = tx.insertInto(VECTOR_TYPE).set(VECTOR_TYPE.NAME, name).set(VECTOR_TYPE.KIND, kind)
          .onConflictDoNothing().returning(VECTOR_TYPE.ID).fetchOne(VECTOR_TYPE.ID);
      return id != null ? id : tx.select(VECTOR_TYPE.ID).from(VECTOR_TYPE).where(cond).fetchOne(VECTOR_TYPE.ID);
    });
  }

  /** The id of a seeded age range; an unknown one is a validation error (ranges are never created). */
  Long ageRange(String name) {
    if (name == null) {
      return null;
    }
    return cache.computeIfAbsent("age_range\u0000" + name, k -> {
      Long id = tx.select(AGE_RANGE.ID).from(AGE_RANGE).where(AGE_RANGE.NAME.eq(name)).fetchOne(AGE_RANGE.ID);
      if (id == null) {
        throw new ValidationException("unknown donor age range: " + name);
      }
      return id;
    });
  }

  /** The id of a disease term by PURL; the stored name and synonyms follow the given ones. */
  Long disease(Disease disease) {
    if (disease == null) {
      return null;
    }
    return cache.computeIfAbsent("disease\u0000" + disease.purl(), k -> {
      String[] synonyms = disease.synonyms().toArray(String[]::new);
      var existing = tx.selectFrom(DISEASE).where(DISEASE.PURL.eq(disease.purl())).fetchOne();
      if (existing == null) {
        return tx.insertInto(DISEASE)
            .set(DISEASE.PURL, disease.purl())
            .set(DISEASE.NAME, disease.name())
            .set(DISEASE.SYNONYMS, synonyms)
            .onConflict(DISEASE.PURL).doUpdate()
            .set(DISEASE.NAME, disease.name())
            .set(DISEASE.SYNONYMS, synonyms)
            .returning(DISEASE.ID).fetchOne(DISEASE.ID);
      }
      if (!java.util.Objects.equals(existing.getName(), disease.name())
          || !Arrays.equals(existing.getSynonyms(), synonyms)) {
        existing.setName(disease.name());
        existing.setSynonyms(synonyms);
        existing.update();
      }
      return existing.getId();
    });
  }
}
