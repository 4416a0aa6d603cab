package dev.jasyncio.processor;

import com.sun.source.util.Trees;
import dev.jasyncio.processor.diag.Reporter;
import dev.jasyncio.processor.lower.Javac;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;

/**
 * What both processors share: javac's {@link Trees} found behind whatever wraps the environment
 * (null if there is no javac behind it), the {@link Javac} helper, and the {@link Reporter}.
 */
abstract class JavacProcessor extends AbstractProcessor {
  Trees trees;
  Javac javac;
  Reporter reporter;

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    trees = JavacEnvironments.trees(env);
    reporter = new Reporter(env.getMessager(), trees);
    if (trees != null) {
      javac = new Javac(env, trees);
    }
  }
}
