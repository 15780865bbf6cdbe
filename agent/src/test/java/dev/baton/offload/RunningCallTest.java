package dev.baton.offload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The monitor compensates a call only by a compare-and-set on the state it saw: never a call that has ended, never
 * the next call of the same thread, never twice; the thread learns exactly once whether to give a carrier back.
 */
class RunningCallTest {
    @Test
    void aCompensatedCallReportsItOnceWhenItEnds() {
        RunningCall call = new RunningCall();
        long seen = call.begin();
        assertTrue(RunningCall.compensate(call, seen));
        assertFalse(RunningCall.compensate(call, call.state.get()), "already compensated");
        assertTrue(call.end());
        assertFalse(call.end(), "told once");
    }

    @Test
    void aCallThatEndedBeforeTheMonitorActedIsNotCompensated() {
        RunningCall call = new RunningCall();
        long seen = call.begin();
        assertFalse(call.end());
        assertFalse(RunningCall.compensate(call, seen));
        assertFalse(RunningCall.compensate(call, call.state.get()), "an idle thread is never compensated");
    }

    @Test
    void theNextCallOfTheSameThreadIsNotMistakenForTheOneSeen() {
        RunningCall call = new RunningCall();
        long seenFirst = call.begin();
        call.end();
        long second = call.begin();
        assertFalse(RunningCall.compensate(call, seenFirst));
        assertFalse(RunningCall.isCompensated(call.state.get()));
        assertTrue(RunningCall.compensate(call, second));
        assertTrue(call.end());
    }

    @Test
    void theMonitorTellsOneCallFromTheNextByItsState() {
        RunningCall call = new RunningCall();
        long first = call.begin();
        assertTrue(RunningCall.sameCall(first, first));
        RunningCall.compensate(call, first);
        assertTrue(RunningCall.sameCall(first, call.state.get()), "marked since, still the same call");
        call.end();
        assertFalse(RunningCall.sameCall(first, call.state.get()), "ended");
        long second = call.begin();
        assertFalse(RunningCall.sameCall(first, second), "the thread's next call");
        assertFalse(RunningCall.sameCall(0, 0), "no call");
    }
}
