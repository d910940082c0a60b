package org.cellbank.ims.examples.lambda;

import java.util.ArrayList;
import java.util.List;

/**
 * The cold-start rules of docs/lambda.md ("Cold-start rules") that a compiled class shows: what
 * each class a cold start loads must not refer to. (Whether a lambda is linked depends on what runs,
 * not on what is loaded; LambdaPackageIT checks that rule on a cold start's class-loading log.)
 */
final class ColdStartRules {
  private ColdStartRules() {}

  /** The rules a class breaks, each as {@code "<class>: <rule>"}; empty when it keeps them all. */
  static List<String> broken(String className, byte[] classFile) {
    if (classFile == null) {
      throw new IllegalArgumentException("no class file for " + className);
    }
    ClassFileReferences refs = ClassFileReferences.of(classFile);
    List<String> broken = new ArrayList<>();
    if (refs.classes().contains("java/lang/invoke/StringConcatFactory")) {
      broken.add(className + ": string concatenation through invokedynamic (compile with -XDstringConcat=inline)");
    }
    if (refs.classes().contains("java/util/regex/Pattern") || refs.methods().contains("java/lang/String.matches")
        || refs.methods().contains("java/lang/String.replaceAll") || refs.methods().contains("java/lang/String.replaceFirst")) {
      broken.add(className + ": a regular expression (use a loop)");
    }
    if (refs.classes().contains("java/time/format/DateTimeFormatter")) {
      broken.add(className + ": a date formatter (write the digits)");
    }
    return broken;
  }
}
