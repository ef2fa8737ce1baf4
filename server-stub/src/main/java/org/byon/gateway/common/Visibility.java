package org.byon.gateway.common;

import java.util.Collection;
import java.util.List;

/**
 * Whose resources a caller reaches: in a correct gateway only their own (foreign and unknown ids answer the
 * same 404). The seam where the {@code bola-leak} fault decorator lets a caller reach everyone's.
 */
public interface Visibility {
    /** May {@code caller} reach a resource that {@code owner} owns? */
    boolean reaches(Owner caller, Owner owner);

    /** The owners, among {@code owners}, whose resources a list made by {@code caller} shows. */
    Collection<Owner> listed(Owner caller, Collection<Owner> owners);

    /** The owner only. */
    Visibility OWNER = new Visibility() {
        @Override
        public boolean reaches(Owner caller, Owner owner) {
            return owner.equals(caller);
        }

        @Override
        public Collection<Owner> listed(Owner caller, Collection<Owner> owners) {
            return List.of(caller);
        }
    };
}
