package io.leadsync.app.signoff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

/**
 * The app's log during a walkthrough: every line is kept in memory, where steps look for the lines that are their
 * evidence ("Token valid: …", "LinkedIn re-authorization required …"), and written to {@code app.log} in the run
 * folder. On the console the app's lines would bury the walkthrough's one line per id, so its console appenders are
 * detached for the run and put back afterwards.
 */
final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger leadsync = (Logger) LoggerFactory.getLogger("io.leadsync");
    private final Level leadsyncLevel = leadsync.getLevel();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final Memory memory = new Memory();
    private final FileAppender<ILoggingEvent> file = new FileAppender<>();

    LogCapture(Path logFile, boolean quietConsole) {
        LoggerContext context = root.getLoggerContext();
        // the steps' evidence lines are INFO lines of io.leadsync
        leadsync.setLevel(Level.INFO);
        memory.setContext(context);
        memory.start();
        root.addAppender(memory);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %-28.28logger{0} %msg%n");
        encoder.start();
        file.setContext(context);
        file.setFile(logFile.toString());
        file.setAppend(false);
        file.setEncoder(encoder);
        file.start();
        root.addAppender(file);
        if (quietConsole) {
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                if (appender instanceof ch.qos.logback.core.ConsoleAppender) {
                    detached.add(appender);
                }
            }
            detached.forEach(root::detachAppender);
        }
    }

    /** How many lines were logged so far: a step looks only at lines after its own mark. */
    synchronized int mark() {
        return lines.size();
    }

    /** The lines logged since {@code mark} that {@code match}. */
    synchronized List<String> since(int mark, Predicate<String> match) {
        return lines.subList(Math.min(mark, lines.size()), lines.size()).stream().filter(match).toList();
    }

    /** The first line since {@code mark} containing {@code text}, or null. */
    String first(int mark, String text) {
        List<String> found = since(mark, l -> l.contains(text));
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    public void close() {
        detached.forEach(root::addAppender);
        root.detachAppender(memory);
        root.detachAppender(file);
        memory.stop();
        file.stop();
        leadsync.setLevel(leadsyncLevel);
    }

    private final class Memory extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getLevel() + " " + event.getLoggerName().substring(event.getLoggerName().lastIndexOf('.') + 1) + " "
                    + event.getFormattedMessage();
            synchronized (LogCapture.this) {
                lines.add(line);
            }
        }
    }
}
