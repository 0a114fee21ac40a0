/**
 * {@link dev.solstice.checker.ShapeChecker}: {@code @Shape} mismatches as compile errors.
 *
 * <p>A Checker Framework pluggable type system in which {@code @Shape("batch 1")} qualifies a
 * {@code Tensor}. A call is one scope, as in jaxtyping: the callee's specs are unified with the
 * shapes of the receiver and arguments ({@link dev.solstice.checker.Signature}), and the result
 * shape is the callee's result spec with the bindings substituted. The runtime's ops have their
 * rules here ({@link dev.solstice.checker.OpShapeRules}). Flow refinement gives unannotated
 * locals their inferred shapes. Inside a record's instance methods, the dims named by its
 * components are those of {@code this}.
 *
 * <p>On a {@code random.Key} the qualifier is its key shape: {@code @Shape("")} for a single key
 * ({@code Key.of}, an element of {@code split(n)}, {@code foldIn} of one), {@code @Shape("n")}
 * for an array of n keys ({@code splitArray(n)}), whose draws have the key shape as leading axes.
 * A key of unknown shape (an unannotated parameter, a field, {@code wrap}) draws values whose
 * leading axes are unknown; writing {@code @Shape("") Key key} promises a single key.
 *
 * <p>It is gradual: only definite conflicts are errors (different constants, ranks that cannot
 * match, a dim of one scope against a different dim or a size it is bound to); what cannot be
 * proven is left to the run-time check, and reported as {@code shape.unproven} warnings under
 * {@code -Ashape.strict}.
 *
 * <p>Enabling it in Maven, next to the code generator (listing processors turns discovery off):
 *
 * <pre>{@code
 * <plugin>
 *   <artifactId>maven-compiler-plugin</artifactId>
 *   <configuration>
 *     <fork>true</fork>
 *     <annotationProcessorPaths>
 *       <path><groupId>dev.solstice</groupId><artifactId>solstice-processor</artifactId>...</path>
 *     </annotationProcessorPaths>
 *     <annotationProcessors>
 *       <annotationProcessor>dev.solstice.processor.ModelProcessor</annotationProcessor>
 *       <annotationProcessor>dev.solstice.checker.ShapeChecker</annotationProcessor>
 *     </annotationProcessors>
 *     <compilerArgs>
 *       <arg>-J--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED</arg>
 *       ... the same for code, file, main, model, parser, processing, tree, util ...
 *       <arg>-J--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED</arg>
 *       <arg>-J-XX:TieredStopAtLevel=1</arg>  <!-- optional: halves the CPU time of a build -->
 *     </compilerArgs>
 *   </configuration>
 * </plugin>
 * }</pre>
 */
package dev.solstice.checker;
