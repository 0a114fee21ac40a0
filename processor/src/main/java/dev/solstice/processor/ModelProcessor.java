package dev.solstice.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Generates the tree code of every {@code @Model} record {@code Foo}: {@code FooTree} (leaves,
 * paths, rebuilding, {@code valueAndGrad}, {@code applyUpdates}, partition and combine), the
 * gradient record {@code FooGrad} with its {@code FooGradTree}, and {@code FooBatched} when
 * {@code Foo} has {@code @Vmap} methods.
 *
 * <p>Each record goes through validation, then a descriptor, then one generator per output.
 * Errors are reported on the offending element; a bad record, or a bug here, stops that record
 * only. A record whose component types are not resolved yet is retried in the next round.
 */
@AutoService(Processor.class)
public final class ModelProcessor extends AbstractProcessor {
  /** Qualified names of records whose types were not resolved yet, retried next round. */
  private final Set<String> deferred = new LinkedHashSet<>();

  private Messager messager;
  private TreeGenerator trees;
  private GradGenerator grads;
  private BatchedGenerator batched;

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    messager = environment.getMessager();
    trees = new TreeGenerator(environment.getFiler());
    grads = new GradGenerator(environment.getFiler());
    batched = new BatchedGenerator(environment.getFiler());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ClassNames.MODEL, ClassNames.VMAP);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Map<String, TypeElement> models = new LinkedHashMap<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        models.put(name, type);
      }
    }
    deferred.clear();
    for (TypeElement annotation : annotations) {
      String name = annotation.getQualifiedName().toString();
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (name.equals(ClassNames.MODEL) && element instanceof TypeElement type) {
          models.putIfAbsent(type.getQualifiedName().toString(), type);
        } else if (name.equals(ClassNames.VMAP)) {
          checkVmapOwner(element);
        }
      }
    }
    for (TypeElement type : models.values()) {
      processModel(type, round.processingOver());
    }
    return false;
  }

  /** Reports a {@code @Vmap} method whose type is not a {@code @Model}; the model checks the rest. */
  private void checkVmapOwner(Element method) {
    Element owner = method.getEnclosingElement();
    if (TreeTypes.hasAnnotation(owner, ClassNames.MODEL)) {
      return;
    }
    ValidationReport report = new ValidationReport();
    report.addError(
        String.format(
            "@Vmap applies to methods of @Model records, but %s is not annotated @Model; annotate it with"
                + " @Model, or remove @Vmap from %s",
            owner.getSimpleName(), method.getSimpleName()),
        method,
        TreeTypes.annotationMirror(method, ClassNames.VMAP).orElseThrow());
    report.printMessagesTo(messager);
  }

  private void processModel(TypeElement type, boolean lastRound) {
    try {
      Optional<String> unresolved = unresolvedType(type);
      if (unresolved.isPresent()) {
        if (lastRound) {
          messager.printMessage(
              Diagnostic.Kind.ERROR,
              "cannot generate the tree code of " + type.getSimpleName() + ": " + unresolved.get()
                  + " cannot be resolved; fix or generate that type first",
              type);
        } else {
          deferred.add(type.getQualifiedName().toString());
        }
        return;
      }
      ValidationReport report = ModelValidator.validate(type);
      report.printMessagesTo(messager);
      if (!report.isClean()) {
        return;
      }
      ModelDescriptor model = DescriptorFactory.describe(type);
      trees.generate(model);
      trees.generate(model.gradientView());
      grads.generate(model);
      if (!model.vmapMethods().isEmpty()) {
        batched.generate(model);
      }
    } catch (IOException e) {
      messager.printMessage(
          Diagnostic.Kind.ERROR,
          "could not write the code generated for " + type.getSimpleName() + ": " + e.getMessage(),
          type);
    } catch (RuntimeException e) {
      StackTraceElement[] trace = e.getStackTrace();
      messager.printMessage(
          Diagnostic.Kind.ERROR,
          "solstice-processor failed on " + type.getQualifiedName() + " with " + e
              + (trace.length > 0 ? " at " + trace[0] : "")
              + "; this is a bug in solstice-processor, please report it with this message",
          type);
    }
  }

  /** The first type among the components and {@code @Vmap} signatures of {@code type} that is not resolved. */
  private static Optional<String> unresolvedType(TypeElement type) {
    Stream<TypeMirror> componentTypes = type.getRecordComponents().stream().map(Element::asType);
    Stream<TypeMirror> methodTypes =
        type.getKind() == ElementKind.RECORD
            ? VmapAxes.vmapMethods(type).stream().flatMap(ModelProcessor::signatureTypes)
            : Stream.empty();
    return Stream.concat(componentTypes, methodTypes)
        .filter(TreeTypes::hasErrors)
        .map(TypeMirror::toString)
        .findFirst();
  }

  private static Stream<TypeMirror> signatureTypes(ExecutableElement method) {
    return Stream.concat(
        Stream.of(method.getReturnType()), method.getParameters().stream().map(Element::asType));
  }
}
