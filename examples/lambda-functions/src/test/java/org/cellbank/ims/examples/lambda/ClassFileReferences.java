package org.cellbank.ims.examples.lambda;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one class file refers to, read from its constant pool: the classes, and the methods as
 * {@code owner.name} (internal names, {@code java/lang/String.matches}). Enough to tell whether the
 * compiled code bootstraps a lambda ({@code java/lang/invoke/LambdaMetafactory}), concatenates
 * strings through {@code invokedynamic} ({@code java/lang/invoke/StringConcatFactory}), compiles a
 * regular expression or formats dates, without loading the class.
 */
record ClassFileReferences(Set<String> classes, Set<String> methods) {

  /** Reads the constant pool of a class file. */
  static ClassFileReferences of(byte[] classFile) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
      if (in.readInt() != 0xCAFEBABE) {
        throw new IllegalArgumentException("not a class file");
      }
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classNames = new int[count];
      int[][] members = new int[count][];
      int[][] nameAndTypes = new int[count][];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 3, 4 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++;
          }
          case 7 -> classNames[i] = in.readUnsignedShort();
          case 8, 16, 19, 20 -> in.readUnsignedShort();
          case 9, 10, 11 -> members[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
          case 12 -> nameAndTypes[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
          case 15 -> {
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          case 17, 18 -> {
            in.readUnsignedShort();
            in.readUnsignedShort();
          }
          default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
        }
      }
      Set<String> classes = new TreeSet<>();
      Set<String> methods = new TreeSet<>();
      for (int i = 1; i < count; i++) {
        if (classNames[i] != 0) {
          classes.add(utf8[classNames[i]]);
        }
      }
      // The types named only in descriptors and signatures (a field's type, a parameter's): the
      // verifier and reflection may load them too. Any UTF-8 constant is scanned; a text that only
      // looks like a descriptor adds a name that is not a class, which the callers tolerate.
      for (int i = 1; i < count; i++) {
        if (utf8[i] != null) {
          descriptorTypes(utf8[i], classes);
        }
      }
      for (int i = 1; i < count; i++) {
        if (members[i] != null) {
          String owner = utf8[classNames[members[i][0]]];
          String name = utf8[nameAndTypes[members[i][1]][0]];
          methods.add(owner + "." + name);
        }
      }
      return new ClassFileReferences(Set.copyOf(classes), Set.copyOf(methods));
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated class file", e);
    }
  }

  // Adds each "Lpkg/Name;" or "Lpkg/Name<" of a descriptor or generic signature.
  private static void descriptorTypes(String text, Set<String> out) {
    if (text.indexOf(';') < 0 || text.indexOf('/') < 0) {
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) != 'L') {
        continue;
      }
      int end = i + 1;
      while (end < text.length() && (Character.isJavaIdentifierPart(text.charAt(end)) || text.charAt(end) == '/')) {
        end++;
      }
      if (end < text.length() && (text.charAt(end) == ';' || text.charAt(end) == '<') && text.indexOf('/', i) < end) {
        out.add(text.substring(i + 1, end));
        i = end;
      }
    }
  }
}
