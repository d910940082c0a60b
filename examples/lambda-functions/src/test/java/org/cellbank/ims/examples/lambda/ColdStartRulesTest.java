package org.cellbank.ims.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The class-file checks behind the cold-start rules catch what they are meant to, and only that. */
class ColdStartRulesTest {

  /** Breaks two rules on purpose, and holds a lambda (which only a cold start's log can judge). */
  static final class Offender {
    static String run(String id) {
      Supplier<String> lazy = () -> id.trim();
      boolean digits = id.matches("[0-9]+");
      return lazy.get() + digits + DateTimeFormatter.ISO_LOCAL_DATE.format(LocalDate.of(2026, 12, 2));
    }
  }

  /** Keeps every rule: a named class, a loop, plain concatenation. */
  static final class Keeper {
    static String run(String id, int n) {
      boolean digits = !id.isEmpty();
      for (int i = 0; i < id.length(); i++) {
        digits &= Character.isDigit(id.charAt(i));
      }
      return "id " + id + " n=" + n + (digits ? " digits" : "");
    }
  }

  @Test
  void anOffendingClass_breaksTheRegexAndDateRules() throws IOException {
    List<String> broken = ColdStartRules.broken(Offender.class.getName(), bytes(Offender.class));
    assertThat(broken).hasSize(2)
        .anyMatch(b -> b.contains("regular expression")).anyMatch(b -> b.contains("date formatter"));
    assertThat(ClassFileReferences.of(bytes(Offender.class)).classes()).contains("java/lang/invoke/LambdaMetafactory");
  }

  @Test
  void aKeepingClass_breaksNone_andTheBuildConcatenatesWithoutInvokedynamic() throws IOException {
    assertThat(ColdStartRules.broken(Keeper.class.getName(), bytes(Keeper.class))).isEmpty();
    ClassFileReferences refs = ClassFileReferences.of(bytes(Keeper.class));
    assertThat(refs.classes()).contains("java/lang/StringBuilder").doesNotContain("java/lang/invoke/StringConcatFactory");
    assertThat(refs.methods()).contains("java/lang/Character.isDigit", "java/lang/String.charAt");
  }

  private static byte[] bytes(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(type.getName().substring(type.getName().lastIndexOf('.') + 1)
        + ".class")) {
      return in.readAllBytes();
    }
  }
}
