package org.byon.gateway.it.fuzz;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/** Ids of resources that exist (created before the run), used for id-named parameters and fields. */
public final class KnownIds {
    final List<String> channels = new CopyOnWriteArrayList<>();
    final List<String> racmSessions = new CopyOnWriteArrayList<>();
    final List<String> voiceSessions = new CopyOnWriteArrayList<>();

    volatile String ownAddress;

    /** The caller's own address ({@code tel:+...}), for fields that must name it (originatorAddress). */
    public void ownAddress(String address) {
        this.ownAddress = address;
    }

    public void channel(String id) {
        channels.add(id);
    }

    public void racmSession(String id) {
        racmSessions.add(id);
    }

    public void voiceSession(String id) {
        voiceSessions.add(id);
    }

    /** A known id for a parameter or property of this name, or null. */
    String forName(String name, RandomnessSource in) {
        if (name == null) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        List<String> pool = n.contains("channel") && n.contains("id") ? channels
                : n.contains("racm") ? racmSessions
                : n.contains("voice") && n.contains("id") ? voiceSessions : List.of();
        return pool.isEmpty() ? null : Generate.pick(pool).generate(in);
    }
}
