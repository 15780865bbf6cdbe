package dev.baton.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class FairQueueTest {
    @Test
    void lanesAreServedRoundRobinSoAHotDatabaseCannotStarveAColdOne() throws InterruptedException {
        FairQueue<String> queue = new FairQueue<>(100);
        for (int i = 1; i <= 5; i++) {
            queue.put("hot.db", "hot" + i);
        }
        queue.put("cold.db", "cold1");
        queue.put("warm.db", "warm1");
        queue.put("warm.db", "warm2");

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            order.add(queue.take());
        }
        assertEquals(List.of("hot1", "cold1", "warm1", "hot2", "warm2", "hot3", "hot4", "hot5"), order);
        assertEquals(0, queue.size());
    }

    @Test
    void aLaneThatEmptiedAndFillsAgainWaitsForItsTurnAtTheEnd() throws InterruptedException {
        FairQueue<String> queue = new FairQueue<>(10);
        queue.put("a", "a1");
        queue.put("b", "b1");
        queue.put("b", "b2");
        assertEquals("a1", queue.take());
        queue.put("a", "a2");
        assertEquals(List.of("b1", "a2", "b2"), List.of(queue.take(), queue.take(), queue.take()));
    }

    @Test
    void aFullQueueMakesProducersWaitUntilAnItemIsTaken() throws InterruptedException {
        FairQueue<String> queue = new FairQueue<>(2);
        queue.put("a", "1");
        queue.put("b", "2");
        CountDownLatch putDone = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            queue.put("c", "3");
            putDone.countDown();
        });
        producer.start();
        assertFalse(putDone.await(200, TimeUnit.MILLISECONDS), "put must wait while the queue is full");
        assertEquals("1", queue.take());
        assertTrue(putDone.await(10, TimeUnit.SECONDS));
        producer.join();
        assertEquals(2, queue.size());
    }

    @Test
    void anInterruptDoesNotAbandonAWaitingPutAndStaysSet() throws InterruptedException {
        FairQueue<String> queue = new FairQueue<>(1);
        queue.put("a", "1");
        boolean[] stillInterrupted = new boolean[1];
        Thread producer = new Thread(() -> {
            queue.put("a", "2");
            stillInterrupted[0] = Thread.currentThread().isInterrupted();
        });
        producer.start();
        producer.interrupt();
        Thread.sleep(50);
        assertEquals("1", queue.take());
        producer.join(10_000);
        assertEquals("2", queue.take());
        assertTrue(stillInterrupted[0]);
    }
}
